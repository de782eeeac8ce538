// PlanDocument: a plan document as a reader found it, before it is
// understood: the preamble's paragraphs, then the appendix table as rows of
// cells, each cell a list of paragraphs, everything with its location in the
// source. Filled by a reader of one file format (read_text_plan, for UTF-8
// text; Word and Excel readers fill the same model) and turned into a
// ParsedPlan by interpret_plan (plan_parser.h). A value type, no thread of
// its own.
#pragma once

#include <string>
#include <vector>

namespace nhacviec {

// One paragraph of the preamble: its text (NFC) and where it is.
struct DocumentParagraph {
    std::string text;
    // What follows the file name in a message ("plan.txt:12: …"): "12" for a
    // line of text; a Word reader writes e.g. "đoạn 12", an Excel reader "Sheet1!A2".
    std::string location;
};

// One cell of the appendix table: its paragraphs in order (NFC). They may
// still carry the converter's HTML fragments (<i>, <ul><li>); the
// interpreter removes them. A cell merged across columns keeps its text in
// its first column; the cells it covers are empty.
struct TableCell {
    std::vector<std::string> paragraphs;
};

// One row of the appendix table, header rows included.
struct TableRow {
    std::vector<TableCell> cells;
    std::string location;  // as DocumentParagraph::location: "79" (a line), "bảng 1, hàng 5", "Sheet1!A5"
    int line = 0;          // the line of text, or the row's number in its table, from 1: ParsedTask::line
    // What the reader found wrong with the row in its format ("a table row
    // with 7 cells; expected 6"), reported when the interpreter reaches the
    // row, so that a document's problems come out in the order they appear.
    std::string reader_error;
};

// A plan document: what a reader hands to interpret_plan.
struct PlanDocument {
    std::string source;  // the file, as messages name it
    std::vector<DocumentParagraph> preamble;
    // The appendix table from its first header row on. Readers check their
    // format's own structure (a text row's tabs, a sheet's cells) and leave
    // the rest to the interpreter.
    std::vector<TableRow> rows;
    // What the reader looks for as the table's header, for the message when
    // there is none: "a tab-separated header row starting with \"TT\"".
    std::string header_expected;
};

}  // namespace nhacviec
