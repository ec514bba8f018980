// Package csvsafe writes CSV that is safe to open in a spreadsheet: no cell
// runs as a formula and no cell hides or reorders its text.
//
// CSV files written by the examples carry text that came from outside (plan
// and component IDs authored in a PRM, partner and rep IDs, customer names,
// trace sentences). Excel, LibreOffice Calc and Google Sheets execute a cell
// that starts with "=", "+", "-", "@", a tab or a carriage return as a
// formula (CSV or formula injection), and bidirectional-override characters
// make a cell display text other than what it holds.
//
// # The rule
//
// Cell applies, to every cell:
//
//  1. A plain decimal number — an optional "-", digits, optionally "." and
//     digits, e.g. "-12.50" or "0" — is written unchanged, so negative amounts
//     stay numbers a spreadsheet sums.
//  2. In any other cell, characters that are invisible or change how the
//     text around them is displayed are replaced by a visible escape "\uXXXX"
//     (four upper-case hex digits): C0 controls U+0000–U+001F (tab, carriage
//     return and line feed included), DEL U+007F, C1 controls U+0080–U+009F,
//     the bidirectional marks and overrides U+061C, U+200E, U+200F,
//     U+202A–U+202E and U+2066–U+2069, and the line and paragraph separators
//     U+2028 and U+2029. A byte that is not UTF-8 is written "\xNN". Nothing
//     is dropped silently: a reader sees that the cell held such a character.
//  3. A cell (after step 2) that starts with "=", "+", "-" or "@", or with
//     their full-width forms "＝", "＋", "－", "＠" (U+FF1D, U+FF0B, U+FF0D,
//     U+FF20, which some spreadsheets turn into the ASCII ones), is
//     neutralised as OWASP recommends: a single quote "'" is put in front,
//     and the Writer encloses the cell in double quotes. The spreadsheet then
//     shows the text, starting with the quote, and evaluates nothing.
//     (A tab or carriage return cannot start a cell after step 2.)
//
// Reading a written cell back with encoding/csv gives exactly Cell of the
// original text. The rule is not reversible: it is for files people open,
// not for data exchange between programs (use JSON for that).
//
// # Writer
//
// Writer writes records as encoding/csv does (comma-separated, each record
// ended by "\n", a field quoted when it contains a comma or a double quote
// or starts with a space), with every cell passed through Cell and every
// neutralised cell quoted. Line breaks inside a cell cannot occur: step 2
// escapes them.
//
// # Concurrency
//
// Cell is a pure function, safe for concurrent use. A Writer is not: use
// one per goroutine and output stream.
package csvsafe
