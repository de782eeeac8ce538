#!/usr/bin/env python3
"""gen-plan.py: writes a synthetic plan document for the benchmarks.

    python3 bench/gen-plan.py --tasks N [--seed S] [--number 190] > plan.txt

The document has the shape of the seed plan, config/plans/hai-phong-90-KH-UBND-2026.txt:
a preamble with the plan number ("Số: 190 /KH-UBND") and the date of issue
("Hải Phòng, ngày 20 tháng 3 năm 2026"), then after "PHỤ LỤC" a "Tổng số: N
nhiệm vụ" line and the tab-separated table: section rows with stated counts,
group rows of numbered sub-tasks, parent tasks, repeated headers after page
breaks and continuation rows.

Deadlines follow the seed's mix of kinds (of its 51 tasks: 33 "Thường xuyên",
4 yearly, 10 fixed, 3 periods, 1 undetermined), in the same proportions by
largest remainder, with fixed deadlines spread over the quarters and years
2026-2030 and periods within 2026-2030. Lead and cooperating agencies are names
and aliases of the agency directory (config/agencies.toml), so they all
resolve; leads per task follow the seed (45 one, 4 two, 2 three).

Deterministic: the same --tasks, --seed and --number give the same bytes.
Stated counts are exact, so an import warns only about the undetermined
deadlines.
"""

import argparse
import os
import random
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DIRECTORY = os.path.join(HERE, "..", "config", "agencies.toml")

HEADER = "TT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan, tổ chức, đơn vị phối hợp thực hiện\tSản phẩm\tThời gian hoàn thành"

# The seed's deadline kinds and their counts among its 51 tasks.
KIND_MIX = [("quarterly", 33), ("yearly", 4), ("fixed", 10), ("period", 3), ("undetermined", 1)]
# Leads per task in the seed: 45 tasks with one, 4 with two, 2 with three.
LEAD_MIX = [(1, 45), (2, 4), (3, 2)]

ROMAN_QUARTERS = ["I", "II", "III", "IV"]

VERBS = ["Rà soát", "Xây dựng", "Triển khai", "Hoàn thiện", "Tăng cường", "Đẩy mạnh", "Tổ chức", "Nghiên cứu",
         "Thực hiện", "Phối hợp", "Kiểm tra, giám sát", "Đánh giá", "Chỉ đạo", "Nâng cao hiệu quả",
         "Sắp xếp, đổi mới", "Công khai, minh bạch"]
OBJECTS = ["cơ chế quản lý, sử dụng vốn nhà nước tại doanh nghiệp", "kế hoạch cơ cấu lại doanh nghiệp nhà nước",
           "hệ thống cơ sở dữ liệu về tài sản công", "quy hoạch sử dụng đất cho phát triển công nghiệp",
           "phương án sắp xếp đơn vị sự nghiệp công lập", "danh mục dịch vụ sự nghiệp công",
           "cơ chế đặc thù theo Nghị quyết số 226/2025/QH15", "kế hoạch đầu tư công trung hạn",
           "hoạt động đối thoại với doanh nghiệp", "chính sách thu hút nhà đầu tư chiến lược",
           "quy trình kiểm soát nội bộ", "cơ chế đánh giá hiệu quả doanh nghiệp nhà nước",
           "các quỹ tài chính nhà nước ngoài ngân sách", "hạ tầng giao thông, cảng biển, logistics",
           "công tác tuyên truyền về kinh tế nhà nước", "chuyển đổi số trong quản lý tài chính công"]
PURPOSES = ["nhằm nâng cao hiệu quả sử dụng nguồn lực nhà nước", "bảo đảm công khai, minh bạch",
            "theo đúng quy định của pháp luật", "phù hợp với yêu cầu phát triển của thành phố",
            "góp phần thực hiện Nghị quyết số 79-NQ/TW", "tạo động lực cho tăng trưởng"]
PRECONDITIONS = ["sau khi Chính phủ ban hành Nghị định hướng dẫn", "sau khi có hướng dẫn của Bộ Tài chính",
                 "sau khi cấp có thẩm quyền ban hành chính sách cụ thể",
                 "sau khi Thủ tướng Chính phủ ban hành tiêu chí phân loại"]
PRODUCTS = ["Kế hoạch thực hiện", "Báo cáo", "Văn bản đề xuất", "Quyết định", "Phương án", "Đề án",
            "Các tin bài, phóng sự", "Báo cáo kết quả thực hiện", "Hội nghị", "Cơ sở dữ liệu"]
GROUP_TOPICS = ["đất đai, tài nguyên", "tài sản kết cấu hạ tầng", "ngân sách nhà nước",
                "các quỹ tài chính nhà nước ngoài ngân sách", "doanh nghiệp nhà nước",
                "các tổ chức tín dụng nhà nước", "đơn vị sự nghiệp công lập", "đầu tư công", "khoa học, công nghệ",
                "chuyển đổi số", "nguồn nhân lực", "kiểm tra, giám sát"]
SECTION_TOPICS = ["Nhiệm vụ, giải pháp cụ thể", "Nhiệm vụ, giải pháp về thể chế", "Nhiệm vụ, giải pháp về nguồn lực",
                  "Nhiệm vụ, giải pháp về tổ chức thực hiện", "Nhiệm vụ, giải pháp về quản trị"]


def roman(n):
    """1 → "I", 49 → "XLIX"; the parser accepts I, V, X and L only, so at most 89."""
    out = ""
    for value, letters in [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= value:
            out += letters
            n -= value
    return out


def apportion(total, mix):
    """Largest-remainder split of `total` in the proportions of `mix` [(key, weight)]."""
    weight = sum(w for _, w in mix)
    exact = [(key, total * w / weight) for key, w in mix]
    counts = {key: int(x) for key, x in exact}
    left = total - sum(counts.values())
    for key, x in sorted(exact, key=lambda kx: kx[1] - int(kx[1]), reverse=True)[:left]:
        counts[key] += 1
    return counts


def load_agencies():
    """(names usable as leads, names usable as cooperating agencies), as the directory spells them."""
    with open(DIRECTORY, "rb") as f:
        directory = tomllib.load(f)
    roles = directory.get("roles", {})
    skip = {roles.get("city_office"), roles.get("leadership")}
    spellings = []
    for agency in directory["agency"]:
        if agency["name"] in skip:
            continue
        spellings.append([agency["name"]] + list(agency.get("aliases", [])))
    return spellings


def deadline_phrases(rng, n):
    """n deadline phrases in the seed's mix of kinds, shuffled."""
    counts = apportion(n, KIND_MIX)
    phrases = []
    for _ in range(counts["quarterly"]):
        phrases.append("Thường xuyên")
    for _ in range(counts["yearly"]):
        phrases.append("Định kỳ hàng năm" if rng.random() < 0.25 else "Hàng năm")
    for _ in range(counts["fixed"]):
        year = rng.randint(2026, 2030)
        if rng.random() < 0.9:  # the seed: 9 of 10 name a quarter, 1 a year
            q = ROMAN_QUARTERS[rng.randint(0, 3)]
            r = rng.random()
            if r < 7 / 9:
                phrases.append(f"Quý {q}/{year}")
            elif r < 8 / 9:
                phrases.append(f"Quý {q} năm {year}")
            else:
                phrases.append(f"Trong Quý {q}/{year}")
        else:
            phrases.append(f"Trong năm {year}" if rng.random() < 0.5 else f"Năm {year}")
    for _ in range(counts["period"]):
        if rng.random() < 0.6:
            first, last = 2026, 2030
        else:
            first = rng.randint(2026, 2029)
            last = rng.randint(first + 1, 2030)
        dash = "-" if rng.random() < 1 / 3 else "–"
        phrases.append(f"Giai đoạn {first} {dash} {last}")
    for _ in range(counts["undetermined"]):
        phrases.append("Trong từng giai đoạn" if rng.random() < 0.5 else "Theo chỉ đạo của cấp có thẩm quyền")
    rng.shuffle(phrases)
    return phrases


class Writer:
    """Writes the table rows, with a repeated header after every page's worth of rows."""

    def __init__(self, rng, out):
        self.rng = rng
        self.out = out
        self.rows_on_page = 0
        self.last_was_task = False

    def row(self, cells, is_task):
        if self.rows_on_page >= 12:
            self.out.append("")
            self.out.append(HEADER)
            self.rows_on_page = 0
            # Now and then a task's title runs over the page break, as in the seed.
            if self.last_was_task and self.rng.random() < 0.3:
                self.out.append("\t- Định kỳ báo cáo kết quả thực hiện về Sở Tài chính để tổng hợp.\t\t\t\t")
        self.out.append("\t".join(cells))
        self.rows_on_page += 1
        self.last_was_task = is_task


def main():
    parser = argparse.ArgumentParser(description="Writes a synthetic plan document (see the file's header).")
    parser.add_argument("--tasks", type=int, required=True, help="number of tasks")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--number", default="190", help="plan number before /KH-UBND (default 190)")
    args = parser.parse_args()
    if args.tasks < 1:
        parser.error("--tasks must be at least 1")

    rng = random.Random(args.seed)
    agencies = load_agencies()
    n = args.tasks
    deadlines = deadline_phrases(rng, n)
    lead_counts = [k for k, w in LEAD_MIX for _ in range(w)]

    def distinct_agencies(k, besides=()):
        chosen = rng.sample([i for i in range(len(agencies)) if i not in besides], k)
        return chosen, [rng.choice(agencies[i]) for i in chosen]

    next_deadline = iter(deadlines)

    def task_cells(number):
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}"
        if rng.random() < 0.15:
            title += " " + rng.choice(PRECONDITIONS)
        title += "."
        lead_ids, leads = distinct_agencies(rng.choice(lead_counts))
        lead = "; ".join(leads)
        _, cooperating = distinct_agencies(rng.randint(0, 3), set(lead_ids))
        coop = "; ".join("- " + c for c in cooperating) + (";" if cooperating else "")
        product = rng.choice(PRODUCTS)
        deadline = next(next_deadline)
        if rng.random() < 0.06:  # italic rows, as in the seed
            title, lead, product, deadline = (f"<i>{x}</i>" for x in (title, lead, product, deadline))
        return [number, title, lead, coop, product, deadline]

    # Sections: the first holds general tasks (a fifth, at most 20,000), the others groups of 1-14 tasks.
    sections = 1 if n < 2 else max(2, min(80, -(-n // 1250)))
    general = n if sections == 1 else max(1, min(20000, n // 5))
    rest = n - general
    per_section = apportion(rest, [(i, 1) for i in range(sections - 1)]) if sections > 1 else {}

    rows = []
    w = Writer(rng, rows)

    # Section I: numbered tasks, now and then a parent task with 2-4 sub-tasks.
    rows.append(f"I. Nhiệm vụ chung ({general:02d} nhiệm vụ)\t\t\t\t\t")
    left, number = general, 0
    while left > 0:
        number += 1
        if left >= 2 and rng.random() < 0.1:
            subs = min(left, rng.randint(2, 4))
            w.row([str(number), f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}.", "", "", "", ""], False)
            for k in range(1, subs + 1):
                w.row(task_cells(f"{number}.{k}"), True)
            left -= subs
        else:
            w.row(task_cells(str(number)), True)
            left -= 1

    # Sections II, III, …: groups "Đối với … (05 nhiệm vụ)" of numbered sub-tasks.
    for s in range(sections - 1):
        count = per_section[s]
        sizes = []
        while sum(sizes) < count:
            sizes.append(min(count - sum(sizes), rng.randint(1, 14)))
        topic = SECTION_TOPICS[s % len(SECTION_TOPICS)]
        w.row([f"{roman(s + 2)}. {topic} ({len(sizes):02d} giải pháp, {count:02d} nhiệm vụ)", "", "", "", "", ""],
              False)
        for g, size in enumerate(sizes, start=1):
            title = f"Đối với {rng.choice(GROUP_TOPICS)} ({size:02d} nhiệm vụ)"
            if rng.random() < 0.5:
                title = f"<i>{title}</i>"
            w.row([str(g), title, "", "", "", ""], False)
            for k in range(1, size + 1):
                w.row(task_cells(f"{g}.{k}"), True)

    number = args.number
    preamble = [
        "",
        f"Số: {number} /KH-UBND",
        "",
        "Hải Phòng, ngày 20 tháng 3 năm 2026",
        "",
        "KẾ HOẠCH",
        "",
        "Thực hiện Nghị quyết số 29/NQ-CP ngày 24/02/2026 của Chính phủ về phát triển kinh tế nhà nước "
        "(kế hoạch tổng hợp để đo hiệu năng)",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "- Tổ chức thực hiện đầy đủ, đồng bộ các nhiệm vụ và giải pháp đã được đề ra.",
        "",
        "II. NHIỆM VỤ CỤ THỂ",
        "",
        f"Nhiệm vụ cụ thể của các Sở, ngành, địa phương, đơn vị được phân công chi tiết gồm có {n} nhiệm vụ "
        "tại Phụ lục kèm theo Kế hoạch.",
        "",
        "III. TỔ CHỨC THỰC HIỆN",
        "",
        "Sở Tài chính chủ trì, phối hợp với các Sở, ngành, địa phương, đơn vị theo dõi, đôn đốc việc triển khai "
        "thực hiện Kế hoạch này.",
        "",
        "PHỤ LỤC",
        "",
        "Nhiệm vụ, công việc cụ thể thực hiện Nghị quyết số 29/NQ-CP ngày 24/02/2026 của Chính phủ "
        "(kế hoạch tổng hợp)",
        f"(Kèm theo Kế hoạch số {number} /KH-UBND ngày 20/3/2026 của Ủy ban nhân dân thành phố)",
        "",
        f"Tổng số: {n} nhiệm vụ",
        "",
        HEADER,
    ]
    sys.stdout.write("\n".join(preamble + rows) + "\n")


if __name__ == "__main__":
    main()
