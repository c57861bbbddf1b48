//! The built-in city list for sun-protection hours (GeoNames, CC BY 4.0; see data/cities.tsv).

use std::sync::OnceLock;

use serde::Serialize;

const DATA: &str = include_str!("../data/cities.tsv");

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct City {
    pub name: String,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: String,
    #[serde(skip)]
    pub population: u64,
    #[serde(skip)]
    folded: String,
}

/// Lower-case and strip the accents people leave out when typing ("Zürich" → "zurich").
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ț' | 'ţ' => 't',
            'ğ' => 'g',
            other => other,
        })
        .collect()
}

/// All cities, most populous first, parsed once.
pub fn all() -> &'static [City] {
    static CITIES: OnceLock<Vec<City>> = OnceLock::new();
    CITIES.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                let [name, country, lat, lon, tz, pop] = f.as_slice() else {
                    return None;
                };
                Some(City {
                    name: name.to_string(),
                    country: country.to_string(),
                    latitude: lat.parse().ok()?,
                    longitude: lon.parse().ok()?,
                    time_zone: tz.to_string(),
                    population: pop.parse().unwrap_or(0),
                    folded: fold(&format!("{name} {country}")),
                })
            })
            .collect()
    })
}

/// Cities whose name (or "name country") starts with the query, then those containing it;
/// most populous first within each group.
pub fn search(query: &str, limit: usize) -> Vec<City> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let (mut starts, mut contains): (Vec<&City>, Vec<&City>) = (Vec::new(), Vec::new());
    for c in all() {
        if c.folded.starts_with(&q) {
            starts.push(c);
        } else if c.folded.contains(&q) {
            contains.push(c);
        }
    }
    starts.append(&mut contains);
    starts.into_iter().take(limit).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_has_at_least_500_valid_cities() {
        let all = all();
        assert!(all.len() >= 500, "{}", all.len());
        for c in all {
            assert!(
                c.time_zone.parse::<chrono_tz::Tz>().is_ok(),
                "{}: {}",
                c.name,
                c.time_zone
            );
            assert!(
                (-90.0..=90.0).contains(&c.latitude) && (-180.0..=180.0).contains(&c.longitude)
            );
        }
    }

    #[test]
    fn search_finds_by_prefix_accent_free_and_country() {
        let r = search("zur", 5);
        assert_eq!(r[0].name, "Zürich");
        assert_eq!(search("berlin", 3)[0].time_zone, "Europe/Berlin");
        assert!(search("sao paulo", 3).iter().any(|c| c.name == "São Paulo"));
        assert!(search("", 5).is_empty());
        assert!(search("xxyyzz", 5).is_empty());
        assert_eq!(search("a", 7).len(), 7);
    }
}
