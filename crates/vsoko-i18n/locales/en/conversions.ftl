## Score-to-mark conversion tables (issue 4 §2)

conversion-nav = Conversion tables
conversion-title = Score conversion tables
conversion-intro = Every work's marks (and ЕГЭ test scores) are computed from these tables. Reference tables shipped with vsoko (with their document, year and link) cannot be changed — copy one and save your own.
conversion-col-kind = Kind
conversion-col-year = Year
conversion-col-subject = Subject
conversion-col-grade = Grade
conversion-col-output = Gives
conversion-col-max = Max score
conversion-col-source = Source
conversion-col-mark = Mark
conversion-col-min = From
conversion-col-max-band = To
conversion-col-conditions = Conditions
conversion-col-fallback = Otherwise
conversion-col-primary = Primary score
conversion-col-test-score = Test score
conversion-output-mark = mark 2–5
conversion-output-test_score = test score
conversion-link = document
conversion-reference = reference
conversion-reference-help = Shipped reference table, read-only.
conversion-open = open
conversion-none = No tables yet: they are copied from the reference data on the first results import, or added below.
conversion-add = Add or replace a table
conversion-add-help = Upload a file or paste the text in the reference table format (docs/ASSESSMENT_IMPORT.md, "Conversion tables"). A table of the same kind, year, subject and grade is replaced. On any error nothing is written.
conversion-file = File (.csv)
conversion-text = or the table's text
conversion-save = Check and save
conversion-back = ← All conversion tables
conversion-copy = Copy to edit
conversion-edit = Edit
conversion-error-empty = Choose a file or paste the table's text.
conversion-kind-vpr = ВПР
conversion-kind-oge = ОГЭ
conversion-kind-ege = ЕГЭ
conversion-kind-gve = ГВЭ
conversion-kind-niko = НИКО
conversion-kind-regional = Regional work
conversion-kind-municipal = Municipal work
conversion-kind-international = International study
conversion-kind-school = School control work
conversion-missing = { $n ->
        [one] { $n } shipped reference table is not in the school yet.
       *[other] { $n } shipped reference tables are not in the school yet.
    }
conversion-seed = Copy the reference tables
