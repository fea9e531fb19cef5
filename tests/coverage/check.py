#!/usr/bin/env python3
"""Coverage of the seed documents by the templates (issue 15).

Reads the "Coverage: ..." tables of templates/README.md and checks:
  * every numbered clause of each seed (../shared/seeds, when present) has a row;
  * every row names template clause ids, or says "left out:" with a reason;
  * every id named exists in the template and applies to at least one organisation
    given (its kind/sector conditions, and its ancestors');
  * in each built pack given, the 02-document-text.txt of that document holds the
    clause, line for line: its heading (numbered), or its first paragraph (numbered
    when the clause has no heading), in zh, en or both (bi), with each {variable}
    standing for any text.
Prints PASS:/FAIL: lines; exit status 1 when anything fails.

usage: check.py README TEMPLATES_DIR SEEDS_DIR ORG.xml=PACK_DIR=LANG ...
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

T = '{urn:ismspack:template:1.0}'
O = '{urn:ismspack:isms:1.0}'

# README section title -> (template kind, template file, document file in the pack, seed prefixes)
DOCS = {
    'Coverage: seeds 003/004 (policy)': ('policy', 'policy.xml', '10-policy.pdf', ['003', '004']),
    'Coverage: seed 002 (objectives procedure)': ('objectives-procedure', 'objectives-procedure.xml',
                                                  '12-objectives-procedure.pdf', ['002']),
}
NUM = re.compile(r'^\d{1,2}(?:\.\d{1,2})*$')

failed = 0


def result(ok, name, why=''):
    global failed
    if ok:
        print(f'PASS: coverage/{name}')
    else:
        failed += 1
        print(f'FAIL: coverage/{name}' + (f' — {why}' if why else ''))


def seed_clauses(path):
    """The clause numbers of a seed text: a number at the start of a line (tables excluded)."""
    out = []
    for line in open(path, encoding='utf-8'):
        if '\t' in line:
            continue
        m = re.match(r'^\s*(?:#+\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S', line)
        if m and int(m.group(1).split('.')[0]) <= 12 and m.group(1) not in out:
            out.append(m.group(1))
    return out


def expand_numbers(cell):
    """'2.2.1–2.2.14' -> 2.2.1 … 2.2.14; '1.1, 1.2' -> both; '—' -> none."""
    nums = []
    for part in re.split(r'[,;]\s*', cell.strip()):
        part = part.strip().strip('*')
        m = re.match(r'^(\d[\d.]*)\s*[–-]\s*(\d[\d.]*)$', part)
        if m:
            a, b = m.group(1).split('.'), m.group(2).split('.')
            if a[:-1] != b[:-1]:
                raise ValueError(f'bad range {part}')
            for k in range(int(a[-1]), int(b[-1]) + 1):
                nums.append('.'.join(a[:-1] + [str(k)]))
        elif NUM.match(part):
            nums.append(part)
    return nums


def tables(readme):
    """{section title: [row cells]} for the coverage sections."""
    out, cur = {}, None
    for line in open(readme, encoding='utf-8'):
        if line.startswith('## '):
            cur = line[3:].strip() if line[3:].strip() in DOCS else None
            if cur:
                out[cur] = []
            continue
        if cur and line.startswith('|'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if set(''.join(cells)) <= set('-: ') or cells[-1].lower() in ('covered by', 'template clause'):
                continue
            out[cur].append(cells)
    return out


def text_of(el, lang):
    e = el.find(T + lang)
    return ''.join(e.itertext()) if e is not None else None


def applies(el, parents, kind, sector):
    for n in [el] + parents:
        w, u, s = n.get('when'), n.get('unless'), n.get('sector')
        if w and kind not in w.split():
            return False
        if u and kind in u.split():
            return False
        if s and sector not in s.split():
            return False
    return True


def index(tpl):
    """id -> (element, ancestors nearest first)."""
    ids = {}

    def walk(el, parents):
        for ch in el:
            if ch.get('id'):
                ids[ch.get('id')] = (ch, parents)
            if ch.tag in (T + 'section', T + 'clause'):
                walk(ch, [ch] + parents)
    walk(tpl.getroot(), [])
    return ids


def pattern(text):
    """A regex for one line of output: the text with each {variable} as any text."""
    parts = re.split(r'\{[A-Za-z.:-]+\}', text)
    return '.+?'.join(re.escape(p) for p in parts)


LABEL = r'[0-9]+(?:\.[0-9]+)*\.?'


def expected(el, lang):
    """Regexes (whole lines) the clause must produce in a pack of this language."""
    pats = []
    if el.tag == T + 'p' or el.find(T + 'heading') is None:
        numbered = el.tag != T + 'p'
        first = el if el.tag == T + 'p' else el.find(T + 'p')
        zh, en = pattern(text_of(first, 'zh')), pattern(text_of(first, 'en'))
        lab = LABEL + ' ' if numbered else ''
        if lang == 'zh':
            pats.append(lab + zh)
        elif lang == 'en':
            pats.append(lab + en)
        else:
            pats += [lab + zh, en]   # bi: the English under the labelled Chinese
    else:
        h = el.find(T + 'heading')
        zh, en = pattern(text_of(h, 'zh')), pattern(text_of(h, 'en'))
        body = {'zh': zh, 'en': en, 'bi': zh + '\u3000' + en}[lang]
        pats.append('§ ' + LABEL + '\t' + body)
    return [re.compile('^' + p + '$') for p in pats]


def doc_lines(pack, docfile):
    lines, inside = [], False
    with open(os.path.join(pack, '02-document-text.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('=== '):
                inside = line[4:] == docfile
                continue
            if inside:
                lines.append(line)
    return lines


def org_of(path):
    r = ET.parse(path).getroot()
    s = r.find(O + 'sector')
    return r.get('kind'), (s.text or '').strip() if s is not None else ''


def main(argv):
    readme, tdir, sdir = argv[1:4]
    cases = [a.split('=') for a in argv[4:]]
    tabs = tables(readme)
    for title, (kind, tfile, docfile, seeds) in DOCS.items():
        short = kind
        rows = tabs.get(title)
        if not rows:
            result(False, f'{short}/table', f'README has no "## {title}" table')
            continue
        # every seed clause has a row
        for i, seed in enumerate(seeds):
            listed = []
            for r in rows:
                try:
                    listed += expand_numbers(r[i])
                except ValueError as e:
                    result(False, f'{short}/table-syntax', str(e))
            files = [f for f in sorted(os.listdir(sdir)) if f.startswith(seed + '_')] if sdir and os.path.isdir(sdir) else []
            if not files:
                print(f'SKIP: coverage/{short}/seed-{seed}-rows (no seed {seed} in {sdir})')
                continue
            missing = [n for n in seed_clauses(os.path.join(sdir, files[0])) if n not in listed]
            result(not missing, f'{short}/seed-{seed}-every-clause-listed',
                   'not in the table: ' + ' '.join(missing))
        tpl = ET.parse(os.path.join(tdir, tfile))
        ids = index(tpl)
        named = []
        bad_rows = []
        for r in rows:
            cov = r[-1]
            got = re.findall(r'`([A-Za-z][\w.-]*)`', cov)
            if got:
                named += [g for g in got if g not in named]
            elif not re.match(r'(?i)^left out:\s*\S.{10,}', cov):
                bad_rows.append(' | '.join(r))
        result(not bad_rows, f'{short}/every-row-covered-or-reasoned', '; '.join(bad_rows))
        unknown = [i for i in named if i not in ids]
        result(not unknown, f'{short}/ids-exist-in-template', 'unknown: ' + ' '.join(unknown))
        orgs = [(org_of(o), p, l) for o, p, l in cases]
        never = [i for i in named if i in ids and
                 not any(applies(ids[i][0], ids[i][1], k, s) for (k, s), _, _ in orgs)]
        result(not never, f'{short}/each-id-applies-to-a-sample', 'no sample has: ' + ' '.join(never))
        for (k, s), pack, lang in orgs:
            lines = doc_lines(pack, docfile)
            absent = []
            for i in named:
                if i not in ids or not applies(ids[i][0], ids[i][1], k, s):
                    continue
                for rx in expected(ids[i][0], lang):
                    if not any(rx.match(l) for l in lines):
                        absent.append(i)
                        break
                else:
                    # the 14 management areas: a generated list, numbered to .14
                    el = ids[i][0]
                    if any(g.get('kind') == 'management-areas' for g in el.iter(T + 'generated')) and \
                            not any(re.match(r'^[0-9.]+\.14 \S', l) for l in lines):
                        absent.append(i + '(14 areas)')
            name = f'{short}/{os.path.basename(os.path.abspath(pack))}'
            result(bool(lines) and not absent, name,
                   ('not in the output: ' + ' '.join(absent)) if lines else f'no {docfile} text in the pack')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
