app-name = VSOKO
app-tagline = school internal education quality assessment
demo-banner = Demo school: all data are fictional; every demo login's password is "demo".
lang-switch = Русский
nav-home = Home
nav-classes = Classes
nav-pupils = Pupils
nav-staff = Staff
nav-parents = Parents
nav-subjects = Subjects
nav-assignments = Teaching load
nav-years = School year
nav-accounts = Accounts
nav-import = Import
nav-schools = Schools
nav-account = Profile
nav-logout = Log out
nav-api = API
count-pupils = { $n ->
    [one] { $n } pupil
   *[other] { $n } pupils
}
count-classes = { $n ->
    [one] { $n } class
   *[other] { $n } classes
}
count-staff = { $n ->
    [one] { $n } staff member
   *[other] { $n } staff
}
count-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
role-admin = Administrator
role-director = Director
role-deputy = Deputy director (academic)
role-shmo_head = Head of subject department
role-teacher = Teacher
role-class_teacher = Class teacher
role-pupil = Pupil
role-parent = Parent
role-municipal = Municipal specialist
role-regional = Regional specialist
login-title = Log in
login-login = Login
login-password = Password
login-submit = Log in
login-failed = Wrong login or password.
login-throttled = Too many login attempts. Wait a minute and try again.
login-demo-refused = The demo password "demo" is accepted only in a demo database. Ask an administrator to set a password.
login-demo-hint = Demo logins (password demo):
account-title = Profile
account-password-title = Change password
account-password-current = Current password
account-password-new = New password
account-password-repeat = Repeat new password
account-password-submit = Change password
account-password-changed = Password changed. Other sessions were ended.
account-password-wrong = The current password is wrong.
account-password-mismatch = The passwords do not match.
account-password-short = The password must be at least 8 characters.
account-password-demo = The password "demo" cannot be used outside a demo database.
account-must-change = An administrator reset your password: set a new one to continue.
account-sessions = Active sessions: { $n }
account-logout-all = Log out everywhere
account-language = Interface language
error-not-found-title = Not found
error-not-found = This page does not exist or you have no access to it.
error-forbidden-title = Forbidden
error-forbidden = Your role does not give access to this page.
error-internal-title = Server error
error-internal = Something went wrong. The error was logged; please try again.
error-bad-request-title = Bad request
error-conflict-title = Conflict
form-required = Required.
form-save = Save
form-cancel = Cancel
form-search = Search
form-saved = Saved.
form-errors = Please correct the errors in the form.
home-title = Home
home-welcome = Hello, { $name }!
home-your-roles = Your roles
home-school = School
home-year = School year
home-no-year = No school year yet.
home-load-total = { $hours } h per week
home-my-load = My teaching load
home-my-class = My class
home-my-children = My children
home-my-class-pupil = My class and teachers
home-schools = Schools
home-aggregates-note = Aggregates only: data on individual pupils are not available at this level.
home-admin-links = School administration
home-counts = Summary
col-name = Name
col-class = Class
col-subject = Subject
col-subgroup = Subgroup
col-hours = Hours per week
col-teacher = Teacher
col-code = Code
col-post = Post
col-phone = Phone
col-email = E-mail
col-birth-date = Date of birth
col-sex = Sex
col-pupils = Pupils
col-classes = Classes
col-staff = Staff
col-school = School
col-municipality = Municipality
col-class-teacher = Class teacher
col-profile = Profile
col-relation = Relation
col-parents = Parents
col-period = Period
col-start = Start
col-end = End
col-login = Login
col-roles = Roles
col-active = Active
schools-total = { $n ->
    [one] Total: { $n } school
   *[other] Total: { $n } schools
}
links-class-summary = Class summary
links-marks-import = Import marks
