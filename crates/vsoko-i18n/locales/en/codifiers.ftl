# The school's codifiers (/admin/codifiers).

codifier-nav = Codifiers
codifier-title = Codifiers
codifier-one = Codifier
codifier-intro = A codifier lists the content elements and the checked requirements to results with their codes (ФИПИ, ФИОКО). Tasks refer to the codes in the "codifier" column of the task table; with the codifier the work's analysis shows which elements and requirements are mastered and where the problem zones are. A new version replaces the codifier of the same work and at once fills the skill texts of works already imported.
codifier-col-elements = Elements
codifier-col-requirements = Requirements
codifier-col-code = Code
codifier-col-text = Element or requirement
codifier-elements = Content elements
codifier-requirements = Checked requirements to results
codifier-none = No codifiers yet: load a codifier file below (format: docs/ASSESSMENT_IMPORT.md, section "Codifiers").
codifier-missing = { $n ->
        [one] { $n } shipped codifier is not copied to the school yet.
       *[other] { $n } shipped codifiers are not copied to the school yet.
    }
codifier-seed = Copy the shipped codifiers
codifier-add = Add or replace a codifier
codifier-add-help = Upload a file or paste the text: lines "# source:" (document) and "# link:", the keys kind, year, subject, grade, then rows "code;kind;parent;text" where kind is "элемент" (element) or "требование" (requirement) and parent is the code of an item of the same list above, or empty. The codifier of the same work is replaced. On an error nothing is written. Rows "task code;задание;;item codes separated by spaces" are the plan of the work (as the specification's generalised plan): the tasks of the works get those items.
codifier-text = or the codifier's text
codifier-back = ← All codifiers
codifier-reference-help = A shipped codifier, read-only.
codifier-show-help = A task table refers to an item by its code; when both lists have that code, write "Э:code" or "Т:code".
codifier-download = Download as a file
codifier-error-form-empty = Choose a file or paste the codifier's text.
codifier-plan = Plan of the work: what each task checks
codifier-plan-help = By the plan the tasks of imported and future works get their codifier items — the work's analysis computes completion by them and finds the problem zones.
codifier-col-task = Task
codifier-col-items = Codifier items
