# Assessment procedures: the list, uploading results, the diary section.
assessments-nav = Procedures
assessments-nav-upload = Upload ВПР/GIA
assessments-title = Assessment procedures
assessments-upload = Upload results (ФИС ОКО, РЦОИ, generic layout)
assessments-none = There are no assessment results you may see yet.
assessments-col-kind = Kind
assessments-col-year = Year
assessments-col-subject = Subject
assessments-col-grade = Grade
assessments-col-date = Date
assessments-col-classes = Classes (n)
assessments-col-n = Participants
assessments-col-work = Work: results and analysis
assessments-kind-vpr = ВПР
assessments-kind-oge = ОГЭ
assessments-kind-ege = ЕГЭ
assessments-kind-gve = ГВЭ
assessments-kind-niko = НИКО
assessments-kind-regional = Regional
assessments-kind-municipal = Municipal
assessments-kind-international = International
assessments-kind-school = Control work
analysis-mean-primary = Mean primary score

assessment-import-title = Upload assessment results
assessment-import-intro = Upload the "Индивидуальные результаты" file from ФИС ОКО (ВПР), a РЦОИ protocol (ОГЭ, ЕГЭ, ГВЭ) or a generic-layout file (control and diagnostic works). You see a preview first; nothing is written until you press "Apply", and a file with errors is not written at all.
assessment-import-template-xlsx = Excel workbook with the columns of all three layouts (assessment.xlsx)
assessment-import-kind-vpr = ФИС ОКО "Индивидуальные результаты" (ВПР)
assessment-import-kind-gia = РЦОИ protocol (ОГЭ, ЕГЭ, ГВЭ)
assessment-import-kind-generic = Generic layout (control, regional and municipal works)
assessment-import-preview-title = Preview of the results upload
assessment-import-result-title = Results upload
assessment-import-nothing-to-do = These results are already loaded: nothing to change.
assessment-import-count-tasks = Tasks
assessment-import-count-results = Participants' results
assessment-import-rule-layouts = A ФИС ОКО file names its work itself (year, subject, grade from its header); for a GIA protocol give the subject and year, for the generic layout the subject, grade and year (or date).
assessment-import-rule-conversion = The mark is always computed from the school's conversion table; if there is none, attach the table (format of data/reference/assessments/*.conversion.csv) — it is stored together with the results.
assessment-import-rule-twice = Uploading the same file again changes nothing; a corrected file changes only the results that changed.
assessment-import-rule-link = Participants are linked to pupils by the participant code list, the pupil code or the full name; unlinked results are kept and counted in the analysis.
assessment-import-rule-all-or-nothing = If any row cannot be applied, nothing is written; the report names the sheet, row and column of each error.
assessment-import-field-layout = File layout
assessment-import-field-layout-hint = The generic layout fits any work with task columns "N (Mб)".
assessment-import-field-layout-vpr = ФИС ОКО (ВПР)
assessment-import-field-layout-gia = РЦОИ protocol (GIA)
assessment-import-field-layout-generic = Generic layout
assessment-import-field-procedure = Kind of work
assessment-import-field-procedure-hint = ФИС ОКО: ВПР; protocol: ОГЭ unless said otherwise; generic layout: school control work.
assessment-import-field-procedure-auto = from the file layout
assessment-import-field-procedure-oge = ОГЭ
assessment-import-field-procedure-ege = ЕГЭ
assessment-import-field-procedure-gve = ГВЭ
assessment-import-field-procedure-school = School control work
assessment-import-field-procedure-regional = Regional work
assessment-import-field-procedure-municipal = Municipal work
assessment-import-field-procedure-niko = НИКО
assessment-import-field-procedure-international = International study
assessment-import-field-subject = Subject
assessment-import-field-subject-hint = Name, short name or code; optional for ФИС ОКО (checked against the header).
assessment-import-field-grade = Grade
assessment-import-field-grade-hint = ФИС ОКО: from the header; GIA: 9 (ЕГЭ: 11).
assessment-import-field-year = Year of the work
assessment-import-field-year-hint = Calendar year (ФИС ОКО: from the header).
assessment-import-field-date = Date held
assessment-import-field-date-hint = When the file has none; decides the school year of the classes.
assessment-import-field-title = Title of the work
assessment-import-field-title-hint = For protocols and the generic layout.
assessment-import-field-conversion = Conversion table (optional)
assessment-import-field-conversion-hint = CSV in the reference-table format; needed when the school has no table for this work.
assessment-import-note-rows = Participant rows in the file: { $count }
assessment-import-note-linked = Linked to pupils: { $linked }, unlinked (kept and counted in the analysis): { $unlinked }
assessment-import-note-unknown-classes = Classes not found in the work's school year (results kept): { $classes }
assessment-import-error-field = wrong value of the field "{ $field ->
    [layout] File layout
    [procedure] Kind of work
    [grade] Grade
    [year] Year of the work
    [date] Date held
   *[other] { $field }
}": "{ $text }"
assessment-import-error-table = conversion table not accepted: { $error }

diary-tab-assessments = Assessments
diary-assessments-none = No assessment results yet.
diary-assessments-score = Primary score
diary-assessments-of = of
diary-assessments-mark = Mark
diary-assessments-test-score = Test score
diary-assessments-tasks = Scores per task
diary-assessments-task = Task
diary-assessments-not-done = not done
diary-assessments-not-done-hint = "—" means the task was not done (not 0 points).
diary-assessments-points = Points
