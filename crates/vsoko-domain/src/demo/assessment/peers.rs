//! The ВПР of spring 2026 in the other schools of the demo region, so the demo school can be
//! compared with its municipality and region: the two other schools of its municipality
//! (one a little stronger, one weaker) and two schools of a second municipality. Their rows
//! are unlinked participant rows (participant code, class, variant, task scores, primary
//! score, mark) — no pupils, as a region's summary would carry them. The same task tables and
//! scales as the demo school's works, the same scoring model, with a school effect on the
//! ability; pure and deterministic.

use super::talent;
use super::{DemoAssessments, DemoResult, DemoWork, WorkKind, result, scores, seeded, unit};
use crate::structure::ClassName;
use std::collections::BTreeMap;

/// Name of the second municipality of the demo region.
pub const SECOND_MUNICIPALITY: &str = "Демонстрационный городской округ";

/// One school of the region other than the demo school, with its ВПР results.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerSchool {
    /// School name.
    pub name: String,
    /// Whether it lies in the demo school's municipality (else in [`SECOND_MUNICIPALITY`]).
    pub same_municipality: bool,
    /// How much stronger than an average school, in logits.
    pub effect: f64,
    /// The ВПР works (same subjects and grades as the demo school's).
    pub works: Vec<DemoWork>,
}

/// (name, same municipality, effect, classes per grade, prefix of participant codes).
const PEERS: [(&str, bool, f64, usize, u32); 4] = [
    ("МБОУ «Средняя общеобразовательная школа № 2»", true, -0.45, 2, 2),
    ("МБОУ «Гимназия № 3»", true, 0.5, 2, 3),
    ("МАОУ «Лицей № 4»", false, 0.3, 2, 4),
    (
        "МБОУ «Средняя общеобразовательная школа № 5 с. Заречное»",
        false,
        -0.6,
        1,
        5,
    ),
];

/// Pupils per class.
const CLASS_SIZE: usize = 22;

/// The ВПР of the other schools: the demo school's ВПР works with other participants. The
/// names of the first two are the demo's `other_schools`.
pub fn peer_assessments(data: &DemoAssessments) -> Vec<PeerSchool> {
    PEERS
        .iter()
        .map(|&(name, same, effect, classes, prefix)| PeerSchool {
            name: name.to_string(),
            same_municipality: same,
            effect,
            works: data
                .works
                .iter()
                .filter(|w| w.kind == WorkKind::Vpr)
                .map(|w| peer_work(w, prefix, effect, classes))
                .collect(),
        })
        .collect()
}

/// The work `w` written by `classes` classes of a peer school: participant codes
/// `<prefix><grade><class><seat>` (one per pupil for the whole campaign), about 5 % absent.
fn peer_work(w: &DemoWork, prefix: u32, effect: f64, classes: usize) -> DemoWork {
    let grade = w.grade;
    let mut rng = seeded(&["peer", &prefix.to_string(), &w.subject, &grade.to_string()]);
    let empty = BTreeMap::new();
    let mut results: Vec<DemoResult> = Vec::new();
    for c in 0..classes {
        let letter = ["А", "Б", "В"].get(c).copied().unwrap_or("Г");
        let class = ClassName {
            grade,
            letter: letter.into(),
        };
        for seat in 0..CLASS_SIZE {
            if rng.percent(5) {
                continue;
            }
            let code = format!("{prefix}{grade}{c}{seat:02}");
            let (ability, stem) = talent(&format!("peer-{code}"));
            let leaning = if w.subject == super::MATH { stem } else { -stem };
            let class_effect = 0.4 * (unit(&mut seeded(&["peer-class", &code[..3], &w.subject])) - 0.5);
            let theta = 1.6 * (ability + leaning - 3.2) + effect + class_effect;
            let s = scores(&w.tasks, theta, None, &mut rng);
            let mut r = result(&w.tasks, &w.scale, &empty, &code, &class, s, None, results.len());
            r.participant_code = code;
            results.push(r);
        }
    }
    DemoWork {
        kind: WorkKind::Vpr,
        year: w.year,
        subject: w.subject.clone(),
        grade,
        date: w.date,
        tasks: w.tasks.clone(),
        scale: w.scale.clone(),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::assessment::generate_assessments;
    use crate::demo::generate;

    fn quality(works: &[DemoWork]) -> f64 {
        let marks: Vec<u8> = works.iter().flat_map(|w| w.results.iter().map(|r| r.mark)).collect();
        marks.iter().filter(|&&m| m >= 4).count() as f64 / marks.len() as f64
    }

    #[test]
    fn peers_write_the_same_works_deterministically_with_stronger_and_weaker_schools() {
        let school = generate();
        let data = generate_assessments(&school, 2026);
        let peers = peer_assessments(&data);
        assert_eq!(peers, peer_assessments(&data), "deterministic");
        assert_eq!(peers[0].name, school.other_schools[0]);
        assert_eq!(peers[1].name, school.other_schools[1]);
        assert_eq!(peers.iter().filter(|p| !p.same_municipality).count(), 2);
        let vpr = data.works.iter().filter(|w| w.kind == WorkKind::Vpr).count();
        for p in &peers {
            assert_eq!(p.works.len(), vpr);
            for w in &p.works {
                let codes: std::collections::BTreeSet<&str> =
                    w.results.iter().map(|r| r.participant_code.as_str()).collect();
                assert_eq!(codes.len(), w.results.len(), "codes unique in a work");
                assert!(w.results.iter().all(|r| r.mark == w.scale.mark(&w.tasks, &r.scores)));
            }
        }
        // The gymnasium does better than school № 2 overall, and not by a hair.
        let (weak, strong) = (quality(&peers[0].works), quality(&peers[1].works));
        assert!(strong > weak + 0.1, "gymnasium {strong}, school № 2 {weak}");
    }
}
