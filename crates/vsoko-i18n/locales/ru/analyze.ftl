# vsoko analyze: ошибки во входных файлах анализа (docs/ANALYZE.md).

analyze-error-no-tasks = нет столбцов заданий: ожидался заголовок pupil,class,<коды заданий…>[,mark][,journal_mark]
analyze-error-duplicate-task = задание «{ $task }» повторяется: оно уже есть в столбце { $first }
analyze-error-duplicate-task-row = задание «{ $task }» повторяется: оно уже описано в строке { $first_row }
analyze-error-bad-score = ожидался балл от 0 до { $max } (пустая ячейка или X — 0 баллов), получено «{ $text }»
analyze-error-bad-score-no-max = ожидался балл 0 или больше (пустая ячейка или X — 0 баллов), получено «{ $text }»
analyze-error-bad-mark = ожидалась отметка 2, 3, 4 или 5 (или пустая ячейка), получено «{ $text }»
analyze-error-bad-number = ожидалось число, получено «{ $text }»
analyze-error-bad-whole-score = ожидался целый балл от 0 до 1000, получено «{ $text }»
analyze-error-bad-max-score = ожидался максимальный балл больше 0, получено «{ $text }»
analyze-error-bad-level = ожидался уровень Б, П или В, получено «{ $text }»
analyze-error-task-without-column = у задания «{ $task }» нет столбца в файле баллов { $file }: коды заданий в двух файлах должны совпадать
analyze-error-task-not-described = задание «{ $task }» этого файла не описано в { $file }: ожидалась строка task,max_score,level,skills для него
analyze-error-va-too-few-pupils = нужны хотя бы 3 обучающихся с исходным и итоговым баллом
analyze-error-va-too-few-classes = нужны обучающиеся хотя бы 2 классов: по одному классу межклассовая дисперсия не определена
analyze-error-va-constant-prior = исходные баллы должны различаться: при одинаковых исходных баллах наклон не определён
analyze-error-va-no-residual-variance = итоговые баллы лежат точно на прямой исходных баллов: остаточной дисперсии нет, модель не строится
