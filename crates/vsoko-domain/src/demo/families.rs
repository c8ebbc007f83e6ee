//! Pupils and their families. Families come first: a surname, a father whose first name
//! gives the children their patronymic, a mother (almost always listed) and a father
//! (often listed), and one to three children in classes of different grades, so siblings
//! share the same parent codes.

use time::{Date, Duration, Month};

use super::curriculum::DemoClass;
use super::names::{ManName, Names, surname};
use super::rng::Rng;
use super::{origin, phone};
use crate::roster::{ParentRow, PupilRow, Sex};

/// Pupils and parent links of the demo school and the people behind the demo logins.
pub(super) struct Families {
    /// Pupils ordered by class and name, codes У0001, У0002, …
    pub pupils: Vec<PupilRow>,
    /// One row per parent–child link, codes Р0001, Р0002, … in order of first appearance.
    pub parents: Vec<ParentRow>,
    /// A pupil of 7А with a brother or sister in another class.
    pub demo_pupil: String,
    /// That pupil's mother.
    pub demo_parent: String,
}

struct Adult {
    first: &'static str,
    middle: &'static str,
    phone: String,
}

struct Family {
    surname: &'static str,
    father_name: ManName,
    mother: Option<Adult>,
    father: Option<Adult>,
}

struct Child {
    class: usize,
    family: usize,
    sex: Sex,
    first: &'static str,
    birth: Date,
}

/// Builds pupils and parents for `classes` in the school year starting in `year`.
pub(super) fn build(classes: &[DemoClass], year: i32, names: &Names, rng: &mut Rng) -> Families {
    let sizes: Vec<usize> = classes.iter().map(|c| class_size(c.name.grade, rng)).collect();
    let mut filled = vec![0; classes.len()];
    let mut families: Vec<Family> = Vec::new();
    let mut children: Vec<Child> = Vec::new();
    let mut demo_family = None;
    for c in 0..classes.len() {
        while filled[c] < sizes[c] {
            let f = families.len();
            let demo = demo_family.is_none() && classes[c].name.to_string() == "7А";
            families.push(family(names, rng, demo));
            let mut grades = vec![classes[c].name.grade];
            children.push(child(classes, c, f, year, names, rng));
            filled[c] += 1;
            let brothers_and_sisters = match (demo, rng.below(100)) {
                (true, _) => 1,
                (false, 0..3) => 2,
                (false, 3..16) => 1,
                _ => 0,
            };
            for _ in 0..brothers_and_sisters {
                let free: Vec<usize> = (0..classes.len())
                    .filter(|&k| filled[k] < sizes[k] && !grades.contains(&classes[k].name.grade))
                    .collect();
                if free.is_empty() {
                    break;
                }
                let k = free[rng.below(free.len())];
                grades.push(classes[k].name.grade);
                children.push(child(classes, k, f, year, names, rng));
                filled[k] += 1;
            }
            if demo {
                demo_family = Some(f);
            }
        }
    }

    let last_name = |ch: &Child| surname(families[ch.family].surname, ch.sex);
    let key = |s: &str| s.replace('ё', "е").replace('Ё', "Е");
    let mut order: Vec<usize> = (0..children.len()).collect();
    order.sort_by_cached_key(|&i| {
        let ch = &children[i];
        (
            ch.class,
            key(&last_name(ch)),
            key(ch.first),
            key(families[ch.family].father_name.patronymic(ch.sex)),
        )
    });

    let mut pupils = Vec::new();
    let mut parents = Vec::new();
    let mut codes: Vec<[Option<String>; 2]> = families.iter().map(|_| [None, None]).collect();
    let mut next_parent = 0;
    let mut demo_pupil = String::new();
    for (n, &i) in order.iter().enumerate() {
        let ch = &children[i];
        let fam = &families[ch.family];
        let code = format!("У{:04}", n + 1);
        if Some(ch.family) == demo_family && classes[ch.class].name.to_string() == "7А" {
            demo_pupil.clone_from(&code);
        }
        let adults = [(&fam.mother, Sex::Female, "мать"), (&fam.father, Sex::Male, "отец")];
        for (slot, (adult, sex, relation)) in adults.into_iter().enumerate() {
            let Some(adult) = adult else { continue };
            let parent_code = codes[ch.family][slot]
                .get_or_insert_with(|| {
                    next_parent += 1;
                    format!("Р{next_parent:04}")
                })
                .clone();
            parents.push(ParentRow {
                origin: origin(parents.len()),
                code: parent_code,
                last_name: surname(fam.surname, sex),
                first_name: adult.first.to_string(),
                middle_name: Some(adult.middle.to_string()),
                phone: Some(adult.phone.clone()),
                email: None,
                pupil_code: code.clone(),
                relation: Some(relation.to_string()),
            });
        }
        pupils.push(PupilRow {
            origin: origin(n),
            code,
            last_name: last_name(ch),
            first_name: ch.first.to_string(),
            middle_name: Some(fam.father_name.patronymic(ch.sex).to_string()),
            birth_date: ch.birth,
            sex: Some(ch.sex),
            class: classes[ch.class].name.clone(),
        });
    }
    let demo_parent = demo_family.and_then(|f| codes[f][0].clone()).unwrap_or_default();
    Families {
        pupils,
        parents,
        demo_pupil,
        demo_parent,
    }
}

/// Pupils in a class: full classes in the lower grades, fewer in 8–9 and in the senior
/// profile classes after some pupils leave for colleges.
fn class_size(grade: i64, rng: &mut Rng) -> usize {
    match grade {
        ..=7 => rng.between(24, 28),
        8 | 9 => rng.between(23, 27),
        _ => rng.between(20, 25),
    }
}

fn family(names: &Names, rng: &mut Rng, demo: bool) -> Family {
    let surname = names.surnames[rng.popular(names.surnames.len())];
    let father_name = names.men[rng.popular(names.men.len())];
    let mut mother = demo || rng.percent(96);
    let father = rng.percent(60);
    mother |= !father;
    let adult = |first: &'static str, sex: Sex, rng: &mut Rng| Adult {
        first,
        middle: names.men[rng.popular(names.men.len())].patronymic(sex),
        phone: phone(rng),
    };
    let mother = mother.then(|| {
        let first = names.women[rng.popular(names.women.len())];
        adult(first, Sex::Female, rng)
    });
    let father = father.then(|| adult(father_name.first, Sex::Male, rng));
    Family {
        surname,
        father_name,
        mother,
        father,
    }
}

/// A child of family `family` in class `class`, born in the twelve months from 1 September
/// seven years plus the grade before the school year starts.
fn child(classes: &[DemoClass], class: usize, family: usize, year: i32, names: &Names, rng: &mut Rng) -> Child {
    let sex = if rng.percent(50) { Sex::Male } else { Sex::Female };
    let first = match sex {
        Sex::Male => names.boys[rng.popular(names.boys.len())],
        Sex::Female => names.girls[rng.popular(names.girls.len())],
    };
    let grade = i32::try_from(classes[class].name.grade).unwrap_or(1);
    let september = |y: i32| Date::from_calendar_date(y, Month::September, 1).unwrap_or(Date::MIN);
    let start = september(year - 7 - grade);
    let days = (september(year - 6 - grade) - start).whole_days();
    let offset = rng.below(usize::try_from(days).unwrap_or(365));
    let birth = start.checked_add(Duration::days(offset as i64)).unwrap_or(start);
    Child {
        class,
        family,
        sex,
        first,
        birth,
    }
}
