#!/usr/bin/env python3
"""The analytics of one school recomputed with pandas (+ numpy, scipy for the quantiles)
from the CSVs of `vsoko export analytics-data`, in the JSON shape of `vsoko analyze school
--json`; and a comparison of the two outputs.

    recompute_pandas.py compute --dir DIR [--out FILE]     # JSON to FILE (or stdout)
    recompute_pandas.py compare VSOKO.json PANDAS.json      # exit 1 on any mismatch

Everything is computed from the definitions (issue 5 "Pinned definitions", SPEC §4.2,
docs/ANALYZE.md), not from vsoko's code: the comparison is the proof that both compute the
same thing. Closed-form values must agree within 1e-9; the fitted value-added model (REML,
found by a numerical optimiser on each side) within 1e-6 relative; the quantile-based
figures (Feldt interval, t-interval, sign test) within 1e-9 as well.
"""

import argparse
import json
import math
import sys
import time

import numpy as np
import pandas as pd
from scipy import optimize, stats

BASIC, ADVANCED = 0.60, 0.30
Z = stats.norm.ppf(0.975)
# Level as stored (Б/П/В or the full word); unknown or empty = basic, as the procedure page reads it.
LEVELS = {"б": "Б", "базовый": "Б", "basic": "Б", "п": "П", "повышенный": "П", "advanced": "П",
          "в": "В", "высокий": "В", "high": "В"}

# ---------------------------------------------------------------- quality (SPEC §4.2)

COUNT_COLS = ["n5", "n4", "n3", "n2", "n1", "na", "exempt", "pass", "fail"]
TERM_CODE = {"5": "n5", "4": "n4", "3": "n3", "2": "n2", "1": "n1", "na": "na",
             "exempt": "exempt", "pass": "pass", "fail": "fail"}


def metrics_frame(c):
    """SPEC §4.2 metrics of a frame of counts (vectorised)."""
    n = c.n5 + c.n4 + c.n3 + c.n2 + c.n1 + c.na
    marked = c.n5 + c.n4 + c.n3 + c.n2 + c.n1
    sou = 100 * c.n5 + 64 * c.n4 + 36 * c.n3 + 16 * c.n2 + 7 * c.na  # н/а weighs 7, 1 weighs 0
    msum = 5 * c.n5 + 4 * c.n4 + 3 * c.n3 + 2 * c.n2 + c.n1
    pf = c["pass"] + c["fail"]
    out = pd.DataFrame(index=c.index)
    out["n"] = n
    out["success_rate"] = ((c.n5 + c.n4 + c.n3) / n).where(n > 0)
    out["knowledge_quality"] = ((c.n5 + c.n4) / n).where(n > 0)
    out["degree_of_learning"] = (sou / n).where(n > 0)
    out["mean_mark"] = (msum / marked).where(marked > 0)
    out["mean_n"] = marked
    out["pass_rate"] = (c["pass"] / pf).where(pf > 0)
    return out


def none_if_nan(v):
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) else v


def quality_rows(marks, classes):
    """marks: class_id, subject_id, period_id, col (one of COUNT_COLS)."""
    by_class = (marks.groupby(["class_id", "subject_id", "period_id", "col"]).size()
                .unstack("col", fill_value=0).reindex(columns=COUNT_COLS, fill_value=0))
    by_class = by_class.reset_index().merge(classes[["class_id", "name", "grade"]], on="class_id", how="left")
    by_grade = by_class.groupby(["grade", "subject_id", "period_id"])[COUNT_COLS].sum().reset_index()
    by_school = by_class.groupby(["subject_id", "period_id"])[COUNT_COLS].sum().reset_index()
    rows = []
    for level, frame in (("class", by_class), ("grade", by_grade), ("school", by_school)):
        m = metrics_frame(frame)
        recs = frame.to_dict("records")
        mrecs = m.to_dict("records")
        for r, mm in zip(recs, mrecs):
            row = {"level": level, "subject_id": r["subject_id"], "period_id": r["period_id"]}
            if level == "class":
                row["class_id"] = r["class_id"]
                row["class"] = r["name"]
            if level in ("class", "grade"):
                row["grade"] = int(r["grade"])
            row["counts"] = {k: int(r[k]) for k in COUNT_COLS}
            row["metrics"] = {k: (int(v) if k in ("n", "mean_n") else none_if_nan(v)) for k, v in mm.items()}
            rows.append(row)
    return rows


# ---------------------------------------------------------------- tasks, skills, reliability

def wilson(successes, n):
    if n == 0:
        return None
    p = min(max(successes / n, 0.0), 1.0)
    z2 = Z * Z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return max(centre - half, 0.0), min(centre + half, 1.0)


def status(lo, hi, thr):
    if hi < thr:
        return "deficit"
    if lo >= thr:
        return "ok"
    return "uncertain"


def completion(points, mx, n, thr):
    if n == 0 or mx <= 0:
        return None, None, None, None
    c = points / (mx * n)
    lo, hi = wilson(n * c, n)
    return c, lo, hi, status(lo, hi, thr)


def pearson(x, y):
    n = len(x)
    if n < 2:
        return None
    mx, my = x.mean(), y.mean()
    dx, dy = x - mx, y - my
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-24 * (1 + mx * mx) * n or syy <= 1e-24 * (1 + my * my) * n:
        return None
    return float(dx @ dy) / math.sqrt(sxx * syy)


def skill_key(code):
    parts = code.split(".")
    if all(p.isdigit() and p.isascii() for p in parts) and parts:
        return (tuple(int(p) for p in parts), "")
    return ((2 ** 64 - 1,), code)


def tasks_and_skills(specs, M):
    n = M.shape[0]
    totals = M.sum(axis=1)
    order = np.argsort(-totals, kind="stable")
    g = int(math.floor(0.27 * n + 0.5))
    tasks = []
    for j, s in enumerate(specs):
        col = M[:, j]
        thr = BASIC if s["level"] == "Б" else ADVANCED
        c, lo, hi, st = completion(float(col.sum()), s["max"], n, thr)
        d27 = None
        if g > 0 and s["max"] > 0:
            d27 = (float(col[order[:g]].mean()) - float(col[order[n - g:]].mean())) / s["max"]
        tasks.append({"task": s["code"], "max_score": float(s["max"]), "level": s["level"], "n": n,
                      "completion": c, "ci_low": lo, "ci_high": hi, "status": st,
                      "item_rest_r": pearson(col, totals - col), "discrimination_27": d27})
    names = []
    for s in specs:
        for k in s["skills"]:
            if k not in names:
                names.append(k)
    names.sort(key=skill_key)
    skills = []
    for k in names:
        idx = [j for j, s in enumerate(specs) if k in s["skills"]]
        points = float(M[:, idx].sum()) if n else 0.0
        mx = float(sum(specs[j]["max"] for j in idx))
        thr = BASIC if all(specs[j]["level"] == "Б" for j in idx) else ADVANCED
        c, lo, hi, st = completion(points, mx, n, thr)
        skills.append({"skill": k, "tasks": [specs[j]["code"] for j in idx], "n": n, "completion": c,
                       "ci_low": lo, "ci_high": hi, "status": st})
    return tasks, skills


def reliability(M):
    none = {"alpha": None, "alpha_ci_low": None, "alpha_ci_high": None, "sem": None}
    n, k = M.shape
    if n < 2 or k < 2:
        return none
    var_total = float(M.sum(axis=1).var(ddof=1))
    if not var_total > 0:
        return none
    alpha = k / (k - 1) * (1 - float(M.var(axis=0, ddof=1).sum()) / var_total)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    return {"alpha": alpha,
            "alpha_ci_low": 1 - (1 - alpha) * stats.f.ppf(0.975, df1, df2),
            "alpha_ci_high": 1 - (1 - alpha) * stats.f.ppf(0.025, df1, df2),
            "sem": math.sqrt(var_total) * math.sqrt(1 - alpha) if alpha <= 1 else None}


# ---------------------------------------------------------------- objectivity

def kappa(table, weights):
    n = table.sum()
    if n <= 0:
        return None
    i = np.arange(4)
    d = np.abs(i[:, None] - i[None, :]) / 3.0
    w = {"none": (d == 0).astype(float), "linear": 1 - d, "quadratic": 1 - d ** 2}[weights]
    p = table / n
    row, col = p.sum(axis=1), p.sum(axis=0)
    po = float((w * p).sum())
    pe = float((w * np.outer(row, col)).sum())
    if abs(1 - pe) < 1e-12:
        return None
    k = (po - pe) / (1 - pe)
    wr = w @ col
    wc = row @ w
    s = float((p * (w - (wr[:, None] + wc[None, :]) * (1 - k)) ** 2).sum())
    var = (s - (k - pe * (1 - k)) ** 2) / (n * (1 - pe) ** 2)
    return k, math.sqrt(max(var, 0.0))


def objectivity(test, journal):
    n = len(test)
    if n == 0:
        return None
    lowered = int((test < journal).sum())
    raised = int((test > journal).sum())
    gap = int((np.abs(test - journal) >= 2).sum())
    m = lowered + raised
    p = 1.0 if m == 0 else min(1.0, 2 * float(stats.binom.cdf(min(lowered, m - lowered), m, 0.5)))
    table = np.zeros((4, 4))
    np.add.at(table, (test - 2, journal - 2), 1)
    o = {"n": n, "lowered": lowered / n, "confirmed": (n - lowered - raised) / n, "raised": raised / n,
         "gap_2_or_more": gap / n, "sign_test_p": p}
    undefined = False
    for name, w in (("kappa", "none"), ("kappa_linear", "linear"), ("kappa_quadratic", "quadratic")):
        r = kappa(table, w)
        if r is None:
            undefined = True
            o[name], o[name + "_se"] = None, None
        else:
            o[name], o[name + "_se"] = r
    if undefined:
        o["kappa_undefined"] = "chance agreement is 1: both marks take a single value"
    o["spearman"] = pearson(stats.rankdata(test.astype(float)), stats.rankdata(journal.astype(float)))
    return o


def lenient(o):
    return o is not None and o["n"] >= 10 and o["sign_test_p"] < 0.05 and o["lowered"] - o["raised"] >= 0.25


def analyse(specs, res, M):
    """res: results of one procedure in file order (class_name, mark, journal_mark)."""
    marks = res["mark"].to_numpy()
    journal = res["journal_mark"].to_numpy()
    both = (marks > 0) & (journal > 0)
    classes = []
    cls = res["class_name"].to_numpy()
    for name in pd.unique(cls):
        sel = cls == name
        t, s = tasks_and_skills(specs, M[sel])
        b = sel & both
        o = objectivity(marks[b], journal[b])
        classes.append({"class": name, "n": int(sel.sum()), "tasks": t, "skills": s,
                        "objectivity": o, "flag_lenient": lenient(o)})
    t, s = tasks_and_skills(specs, M)
    return {"n": int(len(res)), "tasks": t, "skills": s, "reliability": reliability(M),
            "marks": {str(m): int((marks == m).sum()) for m in (2, 3, 4, 5)},
            "objectivity": objectivity(marks[both], journal[both]), "classes": classes}


# ---------------------------------------------------------------- value-added (REML)

def va_profile(G, rss_fn, theta):
    """G: per-class n, sx, sy; returns (crit, beta, sigma2) or None."""
    c = theta / (1 + G.n * theta)
    a = np.array([[G.N, G.SX], [G.SX, G.SXX]]) - np.array([
        [(c * G.n * G.n).sum(), (c * G.n * G.sx).sum()],
        [(c * G.n * G.sx).sum(), (c * G.sx * G.sx).sum()]])
    b = np.array([G.SY, G.SXY]) - np.array([(c * G.n * G.sy).sum(), (c * G.sx * G.sy).sum()])
    det = a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]
    if det == 0:
        return None
    beta = np.linalg.solve(a, b)
    sr = G.sy - beta[0] * G.n - beta[1] * G.sx
    q = rss_fn(beta) - (c * sr * sr).sum()
    df = G.N - 2
    sigma2 = q / df
    if det <= 0 or sigma2 <= 0:
        return None
    crit = df * math.log(sigma2) + np.log1p(G.n * theta).sum() + math.log(det) + df * (1 + math.log(2 * math.pi))
    return crit, beta, sigma2


class Groups:
    def __init__(self, df):
        self.names = list(pd.unique(df["class_name"]))
        agg = (df.groupby("class_name", sort=False)
               .agg(n=("prior", "size"), sx=("prior", "sum"), sy=("current", "sum"))
               .reindex(self.names))
        self.n = agg["n"].to_numpy(float)
        self.sx = agg["sx"].to_numpy(float)
        self.sy = agg["sy"].to_numpy(float)
        x, y = df["prior"].to_numpy(float), df["current"].to_numpy(float)
        self.N, self.SX, self.SY = len(x), x.sum(), y.sum()
        self.SXX, self.SXY = float(x @ x), float(x @ y)
        self.x, self.y = x, y


def value_added(df):
    if len(df) < 3:
        return None, "at least 3 pupils are needed"
    G = Groups(df)
    if len(G.names) < 2:
        return None, "at least 2 classes are needed"
    if not df["prior"].var(ddof=1) > 0:
        return None, "the prior scores are all equal"

    def rss(beta):
        r = G.y - beta[0] - beta[1] * G.x
        return float(r @ r)

    ols = va_profile(G, rss, 0.0)
    if ols is None or ols[2] <= 1e-12 * float(df["current"].var(ddof=1)):
        return None, "the current scores are an exact line of the prior scores"

    def crit(lt):
        p = va_profile(G, rss, math.exp(lt))
        return math.inf if p is None else p[0]

    grid = np.arange(-12.0, 6.0 + 1e-9, 0.25)
    vals = [crit(v) for v in grid]
    best = grid[int(np.argmin(vals))]
    r = optimize.minimize_scalar(crit, bounds=(max(best - 0.25, -12.0), min(best + 0.25, 6.0)),
                                 method="bounded", options={"xatol": 1e-12})
    theta = 0.0 if ols[0] <= crit(r.x) else math.exp(r.x)
    fit = va_profile(G, rss, theta)
    if fit is None:
        return None, "the current scores are an exact line of the prior scores"
    crit_v, beta, sigma2 = fit
    ols_beta = ols[1]
    classes = []
    cls = df["class_name"].to_numpy()
    for name in G.names:
        sel = cls == name
        x, y = G.x[sel], G.y[sel]
        n = int(sel.sum())
        lam = n * theta / (1 + n * theta)
        effect = lam * float((y - beta[0] - beta[1] * x).mean())
        sd = math.sqrt(sigma2 * theta / (1 + n * theta))
        r_ols = y - ols_beta[0] - ols_beta[1] * x
        gain = float(r_ols.mean())
        half = stats.t.ppf(0.975, n - 1) * math.sqrt(r_ols.var(ddof=1) / n) if n >= 2 else None
        shown = n >= 10
        classes.append({"class": name, "n": n,
                        "effect": effect if shown else None, "effect_sd": sd if shown else None,
                        "ci_low": effect - 1.96 * sd if shown else None,
                        "ci_high": effect + 1.96 * sd if shown else None,
                        "residual_gain": gain,
                        "residual_gain_ci_low": gain - half if half is not None else None,
                        "residual_gain_ci_high": gain + half if half is not None else None,
                        "reliability": lam,
                        "warning": "too_few_pupils" if n < 10 else ("low_reliability" if n < 20 else None)})
    model = {"intercept": float(beta[0]), "slope": float(beta[1]), "tau2": theta * sigma2,
             "sigma2": sigma2, "minus2_reml": crit_v}
    if theta == 0.0:
        model["note"] = ("between-class variance estimated as 0: every class effect is 0; "
                         "compare the residual gains")
    return {"n": len(df), "model": model, "classes": classes}, None


# ---------------------------------------------------------------- compute

def compute(d):
    rd = lambda name, **kw: pd.read_csv(f"{d}/{name}", keep_default_na=False, na_values=[""], **kw)
    school = rd("school.csv", dtype=str)
    classes = rd("classes.csv", dtype={"name": str})
    term = rd("term_marks.csv", dtype=str)
    cur = rd("current_marks.csv", dtype={"mark": "int64"})
    procs = rd("procedures.csv", dtype={"title": str})
    tasks = rd("tasks.csv", dtype={"code": str, "level": str})
    skills = rd("task_skills.csv", dtype=str)
    results = rd("results.csv", dtype={"participant_code": str, "class_name": str})
    scores = rd("task_scores.csv")
    pairs = rd("va_pairs.csv", dtype={"class_name": str})

    term["col"] = term["value"].map(TERM_CODE)
    term = term.dropna(subset=["col"])
    cur["col"] = cur["mark"].map({5: "n5", 4: "n4", 3: "n3", 2: "n2", 1: "n1"})
    quality = {"term": quality_rows(term, classes), "current": quality_rows(cur, classes)}

    # Marks outside 2..5 are left out (0 stands for none).
    for c in ("mark", "journal_mark"):
        v = results[c].fillna(0).astype(int)
        results[c] = v.where(v.between(2, 5), 0)
    scores["score"] = scores["score"].fillna(0.0).astype(float)
    tasks = tasks.sort_values(["procedure_id", "ordinal"], kind="stable")
    tasks["level"] = tasks["level"].fillna("").map(lambda s: LEVELS.get(s.strip().lower(), "Б"))
    skills_of = skills.groupby("task_id", sort=False)["skill"].apply(list).to_dict()
    tasks_by_proc = {k: v for k, v in tasks.groupby("procedure_id", sort=False)}
    results_by_proc = {k: v for k, v in results.groupby("procedure_id", sort=False)}
    score_mat = scores.merge(results[["result_id", "procedure_id"]], on="result_id")
    scores_by_proc = {k: v for k, v in score_mat.groupby("procedure_id", sort=False)}
    procedures = []
    for p in procs.itertuples(index=False):
        ts = tasks_by_proc.get(p.procedure_id, tasks.iloc[0:0])
        res = results_by_proc.get(p.procedure_id, results.iloc[0:0])
        specs = [{"code": t.code, "max": int(t.max_score), "level": t.level,
                  "skills": skills_of.get(t.task_id, [])} for t in ts.itertuples(index=False)]
        sc = scores_by_proc.get(p.procedure_id)
        if sc is not None and len(res) and len(ts):
            M = (sc.pivot(index="result_id", columns="task_id", values="score")
                 .reindex(index=res["result_id"], columns=ts["task_id"]).fillna(0.0).to_numpy(float))
        else:
            M = np.zeros((len(res), len(ts)))
        procedures.append({"id": p.procedure_id, "title": p.title, "analysis": analyse(specs, res, M)})

    value_added = []
    for (prior, current), df in pairs.groupby(["prior_id", "current_id"], sort=False):
        report, error = value_added_of(df)
        row = {"prior_id": prior, "current_id": current, "n": len(df), "report": report}
        if error:
            row["error"] = error
        value_added.append(row)
    return {"school_id": school["school_id"][0], "quality": quality, "procedures": procedures,
            "value_added": value_added}


def value_added_of(df):
    return value_added(df.reset_index(drop=True))


# ---------------------------------------------------------------- compare

FITTED = {"effect", "effect_sd", "ci_low", "ci_high", "reliability", "intercept", "slope", "tau2", "sigma2",
          "minus2_reml"}


class Mismatch(Exception):
    pass


def same(a, b, path, problems, fitted=False):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                problems.append(f"{path}.{k}: only in {'vsoko' if k in a else 'pandas'}")
                continue
            same(a[k], b[k], f"{path}.{k}", problems, fitted or k in ("model",) or (k in FITTED and "value_added" in path))
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{path}: {len(a)} items vs {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]", problems, fitted)
        return
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str) or isinstance(b, str):
        if a != b:
            problems.append(f"{path}: {a!r} vs {b!r}")
        return
    a, b = float(a), float(b)
    tol = 1e-6 * max(1.0, abs(a)) if fitted else 1e-9 * max(1.0, abs(a))
    if abs(a - b) > tol:
        problems.append(f"{path}: {a!r} vs {b!r} (|Δ| {abs(a - b):.3g} > {tol:.3g})")


def keyed(rows):
    return {(r["level"], r.get("class_id"), r.get("grade"), r["subject_id"], r["period_id"]): r for r in rows}


def compare(va, pd_):
    problems = []
    if va["school_id"] != pd_["school_id"]:
        problems.append("school_id differs")
    checked = 0
    for kind in ("term", "current"):
        a, b = keyed(va["quality"][kind]), keyed(pd_["quality"][kind])
        if set(a) != set(b):
            problems.append(f"quality.{kind}: {len(set(a) - set(b))} rows only in vsoko, {len(set(b) - set(a))} only in pandas")
        for k in sorted(set(a) & set(b), key=str):
            same(a[k], b[k], f"quality.{kind}{list(k)}", problems)
            checked += 1
    same(va["procedures"], pd_["procedures"], "procedures", problems)
    same(va["value_added"], pd_["value_added"], "value_added", problems)
    return problems, checked


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compute")
    c.add_argument("--dir", required=True)
    c.add_argument("--out")
    k = sub.add_parser("compare")
    k.add_argument("vsoko")
    k.add_argument("pandas")
    args = ap.parse_args()
    if args.cmd == "compute":
        t0 = time.perf_counter()
        out = compute(args.dir)
        t1 = time.perf_counter()
        text = json.dumps(out, ensure_ascii=False)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text + "\n")
        else:
            print(text)
        n_q = len(out["quality"]["term"]) + len(out["quality"]["current"])
        print(f"pandas: {n_q} quality rows, {len(out['procedures'])} procedures, {len(out['value_added'])} "
              f"value-added pairs; read + compute {t1 - t0:.3f} s", file=sys.stderr)
        return 0
    with open(args.vsoko, encoding="utf-8") as f:
        va = json.load(f)
    with open(args.pandas, encoding="utf-8") as f:
        pa = json.load(f)
    problems, checked = compare(va, pa)
    n_tasks = sum(len(p["analysis"]["tasks"]) + sum(len(c["tasks"]) for c in p["analysis"]["classes"])
                  for p in va["procedures"])
    if problems:
        print(f"MISMATCH: {len(problems)} differences between vsoko and pandas", file=sys.stderr)
        for p in problems[:40]:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"vsoko and pandas agree: {checked} quality rows, {len(va['procedures'])} procedures "
          f"({n_tasks} task rows), {len(va['value_added'])} value-added pairs "
          f"(closed form within 1e-9, fitted REML within 1e-6 relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
