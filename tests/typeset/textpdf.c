/* Typesets a text file for the tests: paragraphs separated by blank lines, each on
 * its own page (so page N holds paragraph N).  Usage: textpdf IN.txt OUT.pdf [width-pt] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

int
main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	size_t len;
	char *text = isms_fs_read_file(argv[1], &len, 1 << 24);
	if (!text)
		return 2;
	isms_doc_info info = {0};
	info.title = "text fidelity";
	info.date = 1751328000;
	isms_doc *d = isms_doc_new(&info);
	isms_doc_section(d, 0, argc > 3 ? atof(argv[3]) : 56.7);
	isms_doc_header(d, 0);
	int first = 1;
	for (char *p = text; *p;) {
		char *end = strstr(p, "\n\n");
		if (end)
			*end = '\0';
		size_t n = strlen(p);
		while (n && p[n - 1] == '\n')
			p[--n] = '\0';
		if (n) {
			if (!first)
				isms_doc_page_break(d);
			first = 0;
			isms_doc_para(d, ISMS_BODY, 0, NULL, p, ISMS_JUSTIFY);
		}
		if (!end)
			break;
		p = end + 2;
	}
	isms_layout *l = NULL;
	int rc = isms_typeset(d, &l);
	if (rc == 0)
		rc = isms_pdf_write(l, argv[2]);
	if (rc == -2) /* characters no font has: reported, the file not written */
		rc = 3;
	isms_layout_free(l);
	isms_doc_free(d);
	free(text);
	return rc;
}
