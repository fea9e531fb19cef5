/* The document tree: the contract between src/docs/ (builders) and src/typeset/
 * (layout).  Builders describe a document as blocks; they never draw.  No library
 * type appears here.  Everything is owned by the document's arena.
 *
 * Text is UTF-8.  Inside text, the byte ISMS_BOLD_ON (0x02) starts bold and
 * ISMS_BOLD_OFF (0x03) ends it; ISMS_KEEP_ON (0x04) … ISMS_KEEP_OFF (0x05) keeps
 * a span together on one line (a person's or a unit's name: no break, no
 * hyphenation inside, unless the span alone is wider than the line); '\n' forces
 * a line break. */
#ifndef ISMS_TREE_H
#define ISMS_TREE_H

#include <stddef.h>
#include <time.h>

#define ISMS_BOLD_ON '\x02'
#define ISMS_BOLD_OFF '\x03'
#define ISMS_KEEP_ON '\x04'
#define ISMS_KEEP_OFF '\x05'

typedef struct isms_doc isms_doc;
typedef struct isms_table isms_table;
typedef struct isms_figure isms_figure;

enum isms_align { ISMS_LEFT, ISMS_CENTER, ISMS_RIGHT, ISMS_JUSTIFY };

/* Paragraph styles. */
enum isms_style {
	ISMS_BODY,      /* 11 pt Sung, justified */
	ISMS_SECONDARY, /* the English rendering under Chinese: 9 pt, grey */
	ISMS_SMALL,     /* 9 pt: notes, remarks under forms */
	ISMS_TITLE,     /* 20 pt Kai, bold, centred: the document's title */
	ISMS_SUBTITLE,  /* 14 pt, centred */
	ISMS_FIELD      /* 11 pt, not justified: labelled form fields */
};

/* Document metadata and the document-control fields of the running header. */
typedef struct isms_doc_info {
	const char *title, *author, *subject, *keywords, *creator;
	time_t date;            /* creation and modification date (never the wall clock) */
	const char *org_name;   /* printed above the header table; may be NULL */
	const char *number;     /* 文件編號 */
	const char *doc_title;  /* 文件名稱 */
	const char *classification; /* 機密等級 */
	const char *version;    /* 版次 */
	int english;            /* header labels in English (Document No., …) */
	int bilingual;          /* header labels in both languages */
} isms_doc_info;

/* A new, empty document; free with isms_doc_free. */
isms_doc *isms_doc_new(const isms_doc_info *info);
void isms_doc_free(isms_doc *doc);

/* Start a new page section: A4 portrait (landscape = 0) or landscape, margins in pt.
 * The first call sets the first page; later calls start a new page. */
void isms_doc_section(isms_doc *doc, int landscape, double margin);
/* The text width of the current section (a figure's width), in pt. */
double isms_doc_text_width(const isms_doc *doc);
/* Whether the running header is drawn on pages of the current section (default 1). */
void isms_doc_header(isms_doc *doc, int on);

/* A heading: level 1..4, label ("6.3", "壹、") may be NULL; it becomes a bookmark and
 * a table-of-contents entry, and keeps with the start of the next block (two lines
 * of a paragraph, a table's header rows and first body row, a figure).  A
 * SUBTITLE paragraph over a table or figure keeps with it the same way. */
void isms_doc_heading(isms_doc *doc, int level, const char *label, const char *text);
/* A paragraph; label (a clause number) hangs to the left of the text at indent
 * `indent` (pt, from the left margin); style as above; align LEFT/CENTER/RIGHT/JUSTIFY. */
void isms_doc_para(isms_doc *doc, enum isms_style style, double indent, const char *label,
                   const char *text, enum isms_align align);
/* Vertical space in pt. */
void isms_doc_space(isms_doc *doc, double pt);
void isms_doc_page_break(isms_doc *doc);
/* The table of contents: one line per heading up to max_level, dot leaders, pages. */
void isms_doc_toc(isms_doc *doc, const char *title, int max_level);

/* A table of ncols columns; widths are relative weights (or NULL for equal);
 * header_rows rows are repeated at the top of every page the table reaches. */
isms_table *isms_doc_table(isms_doc *doc, int ncols, const double *widths, int header_rows);
/* Start a new row (its cells are added next). */
void isms_table_row(isms_table *t);
/* Add a cell to the current row, spanning colspan columns and rowspan rows. */
void isms_table_cell(isms_table *t, const char *text, int colspan, int rowspan,
                     enum isms_align align);
/* Shade the cell just added (grey level 0..1, 1 = white) and make its text bold. */
void isms_table_shade(isms_table *t, double grey, int bold);
/* Name the cell just added as a signature slot ("drafter", "reviewer", "approver"):
 * its free area (below its text) is recorded on its page (isms_page.slots), where
 * a visible signature of that role is drawn later. */
void isms_table_slot(isms_table *t, const char *name);
/* Minimum height of the current row in pt (empty boxes to fill in by hand). */
void isms_table_min_height(isms_table *t, double pt);
/* Keep the table whole and on the page of the last rows of the block before it
 * (a form's signature block stays with the form's last rows). */
void isms_table_keep_with_previous(isms_table *t);
/* Font size for the whole table (default 10 pt). */
void isms_table_font_size(isms_table *t, double pt);

/* A figure `height` pt tall spanning the text width; coordinates are pt from its
 * top-left corner.  Returns the figure to draw into; its width is *width. */
isms_figure *isms_doc_figure(isms_doc *doc, double height, double *width);
/* A box with centred (possibly wrapped) text; grey fill (1 = none). */
void isms_fig_box(isms_figure *f, double x, double y, double w, double h, const char *text,
                  double grey, double font_size);
/* A diamond (decision) with centred text. */
void isms_fig_diamond(isms_figure *f, double x, double y, double w, double h, const char *text,
                      double font_size);
/* A line; arrow = 1 puts an arrowhead at (x2, y2); dashed = 1 draws it dashed. */
void isms_fig_line(isms_figure *f, double x1, double y1, double x2, double y2, int arrow,
                   int dashed, double width, double grey);
/* Text at (x, y) (baseline), aligned left/centre/right. */
void isms_fig_text(isms_figure *f, double x, double y, const char *text, double font_size,
                   enum isms_align align);
/* A dot marker (charts). */
void isms_fig_dot(isms_figure *f, double x, double y, double r, double grey);

/* The number of blocks so far: a mark for isms_doc_text. */
size_t isms_doc_mark(const isms_doc *doc);
struct isms_buf;
/* The plain text of the blocks from mark `from` on, one line per heading ("§ label<TAB>text"), paragraph, table row ("| a | b") and figure text ("[text]"); the in-band
 * marks removed.  What a document says, for comparing two versions of it. */
void isms_doc_text(const isms_doc *doc, size_t from, struct isms_buf *out);

#endif
