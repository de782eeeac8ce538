#!/usr/bin/env bash
# Remakes the office fixtures in this folder (tests/office_plan_test.cpp reads
# them; the results are committed). Needs python3 and LibreOffice
# (Debian libreoffice-writer-nogui, libreoffice-calc-nogui): soffice makes
# the real office files, Word documents from HTML with a real table, Excel
# workbooks from LibreOffice's flat spreadsheet XML (.fods) with merged and
# typed cells, and the legacy and PDF files the importer refuses.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="-env:UserInstallation=file://$work/profile"

python3 "$here/make_fixtures.py" html "$work"
python3 "$here/make_fixtures.py" fods "$work"
python3 "$here/make_fixtures.py" structures "$here"
python3 "$here/make_fixtures.py" refusals "$here"

convert() {  # convert FORMAT FILE OUTDIR
  soffice "$profile" --headless --convert-to "$1" --outdir "$3" "$2" >/dev/null 2>&1
}
# The bundled plan, the small plan and the plan of another layout as Word documents, made by LibreOffice Writer.
for name in plan-90 small-plan other-layout no-table; do
  convert 'docx:MS Word 2007 XML' "$work/$name.html" "$work"
done
cp "$work/plan-90.docx" "$here/plan-90-libreoffice.docx"
cp "$work/small-plan.docx" "$here/small-libreoffice.docx"
cp "$work/no-table.docx" "$here/no-table.docx"
cp "$work/other-layout.docx" "$here/other-layout-libreoffice.docx"
# The bundled plan, the small plan, the small plan with a date typed as a date
# and the plan of another layout as Excel workbooks, made by LibreOffice Calc.
for name in plan-90 small-plan small-dates other-layout no-table; do
  convert 'xlsx:Calc MS Excel 2007 XML' "$work/$name.fods" "$work"
done
cp "$work/plan-90.xlsx" "$here/plan-90-libreoffice.xlsx"
cp "$work/small-plan.xlsx" "$here/small-libreoffice.xlsx"
cp "$work/small-dates.xlsx" "$here/small-dates-libreoffice.xlsx"
cp "$work/other-layout.xlsx" "$here/other-layout-libreoffice.xlsx"
cp "$work/no-table.xlsx" "$here/no-table.xlsx"
# What the importer refuses: the small plan as a Word 97-2003 document and as
# PDF, a task list as an Excel 97-2003 workbook and as .xlsx.
convert 'doc:MS Word 97' "$here/small-libreoffice.docx" "$work"
cp "$work/small-libreoffice.doc" "$here/small-plan.doc"
convert pdf "$here/small-libreoffice.docx" "$work"
cp "$work/small-libreoffice.pdf" "$here/small-plan.pdf"
convert 'xls:MS Excel 97' "$work/tasks.csv" "$work"
cp "$work/tasks.xls" "$here/tasks.xls"
convert 'xlsx:Calc MS Excel 2007 XML' "$work/tasks.csv" "$work"
cp "$work/tasks.xlsx" "$here/tasks.xlsx"
ls -l "$here"
