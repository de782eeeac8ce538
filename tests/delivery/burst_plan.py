#!/usr/bin/python3
"""burst_plan.py: writes a plan whose N tasks are all due at the end of
quarter IV/2026, so that N reminders (30 days before) come due at the same
moment, 2026-12-01 08:00. For the crash test and the delivery benchmark.

    burst_plan.py N > plan.txt

Each task has one lead agency, taken in turn from a list of departments of
the built-in directory, and no cooperating agency: one delivery per reminder.
"""

import sys

LEADS = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
    "Thanh tra thành phố", "Công an thành phố", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
]
HEADER = "TT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan, tổ chức, đơn vị phối hợp thực hiện\tSản phẩm\tThời gian hoàn thành"


def main():
    count = int(sys.argv[1])
    lines = [
        "Số: 190 /KH-UBND", "", "Hải Phòng, ngày 20 tháng 11 năm 2026", "", "KẾ HOẠCH", "",
        "Kiểm tra gửi thông báo hàng loạt", "", "PHỤ LỤC", "",
        f"Tổng số: {count} nhiệm vụ", "", HEADER,
        f"I. Nhiệm vụ kiểm tra ({count} nhiệm vụ)\t\t\t\t\t",
    ]
    for i in range(1, count + 1):
        lines.append(f"{i}\tNhiệm vụ kiểm tra số {i}\t{LEADS[i % len(LEADS)]}\t\tBáo cáo\tQuý IV/2026")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
