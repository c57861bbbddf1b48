//! INCI ingredient lists → ingredient classes (GUIDANCE §3: what gets paused after a
//! session, and what is recommended right after one).
//!
//! # How
//!
//! 1. [`parse_inci`] splits a pasted list into ingredient names. People paste from labels,
//!    shops and photos, so the splitter accepts commas, semicolons, line breaks, bullets,
//!    `Ingredients:` / `INCI:` / `Active Ingredients:` labels (also mid-text, as on US drug
//!    facts panels), `(and)` blends, `May contain` / `+/-` colourant tails, footnote
//!    asterisks and trailing periods. Commas inside balanced parentheses and between
//!    digits (`1,2-Hexanediol`, `0,5 %`) do not split.
//! 2. Each name is normalised once into a lookup key ([`normalise`]): lower case, hyphens
//!    and punctuation as spaces, percentages dropped. Parenthesised parts (`Parfum
//!    (Fragrance)`, `Salix Alba (Willow) Bark Extract`) and slash alternatives
//!    (`Water/Aqua/Eau`) are looked up on their own as well.
//! 3. A key is classified by an exact lookup in one sorted static table plus a few
//!    word-level rules for families with open-ended names (`retinyl …`, `… ascorbate`,
//!    `…peptide-N`, `… hyaluronate`, essential oils, shell and seed powders, salts of the
//!    paused acids). Matching is on whole keys or whole words, never raw substrings, so
//!    `Ethylhexyl Salicylate` is not salicylic acid and `Lactobacillus Ferment` is not
//!    lactic acid. An isomer prefix (`L-`, `D-`, `DL-`, `D L-`) is looked up with and
//!    without the prefix, and `A and B` (US labels: `Sorbic Acid and BHT`) as each part.
//! 4. A name is **recognised** when a class matches it or when it is in the vocabulary of
//!    common benign INCI names shipped in `data/inci_benign.tsv` (see that file's header for
//!    how it was compiled and what it leaves out). Everything else is listed in
//!    [`Classification::unrecognised`]: GUIDANCE §3 suggests a product after a session only
//!    when every ingredient is recognised and none is in a paused class
//!    ([`Classification::fully_recognised`]).
//!
//! # Decisions on debatable ingredients
//!
//! - **Citric acid** is *not* an exfoliating acid: in almost every product it is a pH
//!   adjuster well under 1 %, and flagging it would pause nearly every cleanser and serum,
//!   which would teach people to ignore the pause. Real AHA products list glycolic, lactic
//!   or mandelic acid as well. Lactic, malic and tartaric acid *are* flagged wherever they
//!   appear, because GUIDANCE names them; pausing a product for a few days is cheap.
//! - **Salts do not hide an acid** (GUIDANCE §3): a salt of a paused acid is flagged with
//!   it, written as INCI does (`Sodium Glycolate`, `Potassium Sodium Tartrate`, `Disodium
//!   Azelate`: sodium, potassium, ammonium, calcium, magnesium or zinc with glycolate,
//!   mandelate, salicylate, malate, tartrate, lactobionate or azelate) or as chemists do
//!   (`Salicylic Acid Sodium Salt`). This now includes **sodium salicylate**, which used to
//!   be left out as "a preservative": salicylic acid itself is flagged at preservative
//!   levels too, and EU law regulates the acid and its salts as one entry.
//! - **Lactates are the exception.** **Sodium lactate** stays a humectant (it is part of
//!   the skin's natural moisturising factor and of many plain moisturisers, including ones
//!   GUIDANCE suggests after a session) and so do the lactylates (`Sodium Lauroyl
//!   Lactylate`, an emulsifier). **Ammonium lactate** and **ammonium glycolate** are
//!   flagged: they are the buffered AHA actives of 12 %-lactic lotions and buffered
//!   glycolic products. Other lactate salts are neither flagged nor in the benign
//!   vocabulary, so a product with them is "not checked". **Gluconates** (zinc, copper,
//!   sodium gluconate) are not flagged as PHAs (GUIDANCE names gluconolactone) and are not
//!   benign either. **Capryloyl salicylic acid** (LHA) is a BHA.
//! - **Isomer prefixes do not hide an acid** (GUIDANCE §3): `L-Lactic Acid`, `DL-Mandelic
//!   Acid`, `D-Gluconolactone`, `L(+)-Lactic Acid` are the acids.
//! - **Azelaic acid** and **potassium azeloyl diglycinate** (`Azeloglicina`) pause with the
//!   exfoliating acids, and so do the **enzyme exfoliants** named by GUIDANCE: papain,
//!   bromelain, subtilisin. Only the enzymes themselves: `Carica Papaya Fruit Extract` or a
//!   generic `Protease` is not flagged (and not benign). The label words **AHA**, **BHA**
//!   and **PHA** (and "alpha/beta/poly hydroxy acid") count as exfoliating acids, although
//!   the INCI name `BHA` is also butylated hydroxyanisole, an antioxidant: a few days' pause
//!   of a rare BHA-preserved product is cheaper than missing a "2 % BHA" one.
//! - **Willow bark extract** (`Salix Alba/Nigra Bark Extract`) is flagged as an exfoliating
//!   acid: its salicin barely exfoliates, but it is sold as "natural BHA" and a short
//!   pause after needling errs on the safe side. Fruit-extract "acid" blends are not.
//! - **Bakuchiol** and **hydroquinone** pause with the retinoids (GUIDANCE §3: they are used
//!   as actives on the same skin). They are reported as [`IngredientClass::Retinoid`]; the
//!   matched name says which it was.
//! - **Benzyl alcohol** is not fragrance: it is an EU fragrance allergen but is labelled
//!   almost always because it is the preservative. The other EU allergens (the 26, plus
//!   common ones from the 2023 extension such as menthol, camphor and vanillin) are.
//!   **Aroma** / **flavour** count as fragrance.
//! - **Essential oils** count as fragrance however the label writes them (GUIDANCE §3): by
//!   INCI genus (`Lavandula Angustifolia Oil`: *Lavandula*, *Citrus*, *Mentha*,
//!   *Melaleuca* …, except seed, kernel and nut oils), by plant part (any flower, leaf,
//!   peel, bark, bud, needle or wood oil), by common name (`Lavender Oil`, `Tea Tree Oil`,
//!   `Ylang Ylang Oil`, `Sweet Orange Oil` …), as `Rosa Damascena Oil` (genus *Rosa* without
//!   a fruit, hip or seed part, except the rosehip species *canina*, *rubiginosa*,
//!   *moschata* …) and as a blend (`Essential Oils`, `Blend of Essential Oils`, `Essential
//!   Oil Blend`, `Huiles Essentielles`). Carrier oils (rosehip *fruit* oil, jojoba *seed*
//!   oil, chia *seed* oil, `Rose Hip Oil`) do not.
//! - **Scrubs**: pumice, perlite, bamboo stem powder and shell, seed, pit, stone, kernel,
//!   cob or husk powders (walnut shell, apricot seed …). **Jojoba esters**, **silica**,
//!   **polyethylene**, sugar and salt are *not*: they are far more often emollients,
//!   mattifiers, film formers or humectants, and the INCI name cannot tell beads apart.
//! - **Hydrating** is hyaluronic acid and its salts and derivatives only, as the issue
//!   says. **Glycerin** is not: it is in nearly everything, including the products that
//!   are paused, so it says nothing about "a hydrating serum". It is in the benign
//!   vocabulary, so a plain glycerin toner is fully recognised without being "hydrating".
//! - **Growth factors**: `sh-`/`rh-`/`Human Oligopeptide-N` and `…Polypeptide-N`
//!   (`sh-Oligopeptide-1` is EGF), names saying "growth factor" or EGF/FGF/IGF/KGF/VEGF/TGF,
//!   and conditioned media. These count as growth factors *only*, not also as peptides:
//!   the label names a recombinant growth factor, not a cosmetic signal peptide. Ferments
//!   that do not name a growth factor are not flagged.
//! - **Peptides**: any word ending in "peptide" (`Palmitoyl Tripeptide-1`, `Acetyl
//!   Hexapeptide-8`, `Copper Tripeptide-1`, `Dipeptide Diaminobutyroyl …`).
//! - **Vitamin C**: any word containing "ascorb" (ascorbic acid, ascorbyl esters, `…
//!   ascorbate`), including ascorbyl palmitate even when it is a small antioxidant: it is
//!   a derivative, and GUIDANCE pauses derivatives. Isoascorbic / erythorbic acid is not.
//! - **Retinoids**: retinol, retinal, tretinoin, adapalene, tazarotene, trifarotene,
//!   retinoic acid, `retinyl …` esters, `… retinoate`, "Vitamin A …", and (see above)
//!   bakuchiol and hydroquinone.
//! - **Sunscreen filters**: zinc oxide, titanium dioxide and the organic filters under INCI,
//!   US and trade names. Titanium dioxide and zinc oxide labelled as colourants (`CI
//!   77891`, or in a `May contain` tail) are pigments, not filters.
//! - **"Free" negates only the class it names** (GUIDANCE §3). `Fragrance-Free`,
//!   `Paraben-Free`, `No fragrance`, `0 % alcohol` are claims, not ingredients: they are
//!   dropped from the list. `Phthalate-Free Fragrance` is fragrance: the words after the
//!   last "free" are the ingredient. Text opened by `Free from:` / `Formulated without` is
//!   ignored up to the end of its sentence or line, whichever comes first: a missing period
//!   must not hide the real list that follows.
//!
//! Anything not recognised leaves the product *unclassified* (no class matched) and, in
//! any case, not fully recognised; the app shows such a product as "not checked" with the
//! names it does not know, and never as "safe".

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The classes GUIDANCE §3 acts on.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IngredientClass {
    /// Retinoids, and bakuchiol and hydroquinone, which GUIDANCE §3 pauses with them.
    Retinoid,
    /// AHA, BHA and PHA (also with isomer prefixes and as salts), azelaic acid and the
    /// enzyme exfoliants papain, bromelain and subtilisin.
    ExfoliatingAcid,
    BenzoylPeroxide,
    /// Physical scrubs (beads, shell powders, pumice).
    Scrub,
    VitaminC,
    Fragrance,
    Hydrating,
    Peptide,
    GrowthFactor,
    SunscreenFilter,
}

impl IngredientClass {
    /// Every class, in declaration order.
    pub const ALL: [IngredientClass; 10] = [
        IngredientClass::Retinoid,
        IngredientClass::ExfoliatingAcid,
        IngredientClass::BenzoylPeroxide,
        IngredientClass::Scrub,
        IngredientClass::VitaminC,
        IngredientClass::Fragrance,
        IngredientClass::Hydrating,
        IngredientClass::Peptide,
        IngredientClass::GrowthFactor,
        IngredientClass::SunscreenFilter,
    ];
}

/// What a product's ingredient list contains. An empty `classes` means "unclassified",
/// which the UI shows as such: never as "safe". A non-empty `unrecognised` means "not
/// checked": GUIDANCE §3 suggests a product only when it is [fully
/// recognised](Classification::fully_recognised).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    pub classes: BTreeSet<IngredientClass>,
    /// Each classified ingredient (as written) with its class, for "why".
    pub matches: Vec<IngredientMatch>,
    /// Ingredients (as written, each once, in list order) that are neither in a class nor
    /// in the vocabulary of common benign INCI names: the names Needlewise does not know.
    #[serde(default)]
    pub unrecognised: Vec<String>,
    /// How many ingredients the list had (drug-facts purpose text such as "Skin
    /// protectant" and claims such as "Fragrance-free" are not ingredients). Zero for
    /// classifications stored before this field existed.
    #[serde(default)]
    pub ingredient_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngredientMatch {
    pub ingredient: String,
    pub class: IngredientClass,
}

impl Classification {
    /// No class matched (the product may still be fully recognised, e.g. a plain cream).
    pub fn is_unclassified(&self) -> bool {
        self.classes.is_empty()
    }

    /// Every ingredient is known: in a class or in the benign vocabulary, and the list had
    /// at least one ingredient. Only such a product may be suggested after a session
    /// (GUIDANCE §3, "A product is suggested …").
    pub fn fully_recognised(&self) -> bool {
        self.ingredient_count > 0 && self.unrecognised.is_empty()
    }

    pub fn has(&self, class: IngredientClass) -> bool {
        self.classes.contains(&class)
    }

    /// The ingredients (as written) that put the product in `class`, so the UI can say why.
    pub fn ingredients_in(&self, class: IngredientClass) -> impl Iterator<Item = &str> + '_ {
        self.matches
            .iter()
            .filter(move |m| m.class == class)
            .map(|m| m.ingredient.as_str())
    }
}

/// Classify a pasted ingredient list.
pub fn classify(inci: &str) -> Classification {
    let mut out = Classification::default();
    for item in parse_items(inci) {
        let (set, known) = item_classes(&item);
        if !known && is_label_text(&normalise(&split_parens(&item.name).0)) {
            // "Skin protectant", "Acne treatment": a drug-facts purpose, not an ingredient.
            continue;
        }
        out.ingredient_count += 1;
        if !known && !out.unrecognised.contains(&item.name) {
            out.unrecognised.push(item.name.clone());
        }
        for class in set.iter() {
            out.classes.insert(class);
            let seen = out
                .matches
                .iter()
                .any(|m| m.class == class && m.ingredient == item.name);
            if !seen {
                out.matches.push(IngredientMatch {
                    ingredient: item.name.clone(),
                    class,
                });
            }
        }
    }
    out
}

/// The ingredient names in a pasted list, cleaned of labels, bullets and footnote marks
/// but otherwise as written (so the UI can echo them back).
pub fn parse_inci(text: &str) -> Vec<String> {
    parse_items(text)
        .into_iter()
        .map(|item| item.name)
        .collect()
}

/// The lookup key for one ingredient name: lower case, words separated by single spaces,
/// hyphens and punctuation turned into spaces (so `sh-Oligopeptide-1`, `SH Oligopeptide 1`
/// and `sh-oligopeptide-1` agree), `/` kept tight, decimal points and commas kept only
/// between digits, and percentages (`2%`, `0,5 %`, `10% w/w`) dropped.
pub fn normalise(name: &str) -> String {
    let spaced = lower_and_space(name);
    let mut kept: Vec<&str> = Vec::new();
    let mut tokens = spaced.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        if token == "%" {
            if kept.last().is_some_and(|t| is_number(t)) {
                kept.pop();
            }
            skip_concentration_basis(&mut tokens);
            continue;
        }
        if token == "usp" {
            continue;
        }
        kept.push(token);
    }
    join_tokens(&kept)
}

// ---------------------------------------------------------------------------------------
// Normalisation helpers
// ---------------------------------------------------------------------------------------

/// First pass of [`normalise`]: lower-cases letters and digits and turns everything else
/// into token boundaries. `%` and `/` become tokens of their own so the second pass can
/// drop percentages and glue slash alternatives back together.
fn lower_and_space(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if is_footnote_mark(c) {
            // Superscript footnote numbers are "numeric" to Unicode: drop them first.
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '%' || c == '/' {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else if (c == '.' || c == ',') && between_digits(prev, next) {
            out.push(c);
        } else {
            out.push(' ');
        }
        prev = Some(c);
    }
    out
}

fn between_digits(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
}

/// Footnote markers and trademark signs that are not part of a name.
fn is_footnote_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '†' | '‡' | '§' | '®' | '™' | '©' | '¹' | '²' | '³' | '\u{2070}'..='\u{209F}'
    )
}

fn is_number(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// After a percentage, drops a `w/w`, `w/v` or `v/v` basis (tokens `w`, `/`, `w`).
fn skip_concentration_basis<'a, I>(tokens: &mut std::iter::Peekable<I>)
where
    I: Iterator<Item = &'a str> + Clone,
{
    let mut ahead = tokens.clone();
    let basis = matches!(
        (ahead.next(), ahead.next(), ahead.next()),
        (Some("w" | "v"), Some("/"), Some("w" | "v"))
    );
    if basis {
        tokens.nth(2);
    }
}

/// Joins tokens with single spaces, except around `/`, which stays tight so that
/// `Water / Aqua` and `Water/Aqua` give the same key.
fn join_tokens(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut prev_slash = true;
    for token in tokens {
        let slash = *token == "/";
        if !out.is_empty() && !slash && !prev_slash {
            out.push(' ');
        }
        out.push_str(token);
        prev_slash = slash;
    }
    out.trim_matches('/').to_string()
}

// ---------------------------------------------------------------------------------------
// Splitting a pasted list into ingredients
// ---------------------------------------------------------------------------------------

/// One ingredient as written, and whether it sits in a `May contain` colourant tail.
struct Item {
    name: String,
    in_colour_tail: bool,
}

/// Splits `text` into ingredients. Works line by line because a line break always ends
/// an ingredient, even inside an unclosed parenthesis (a typo should not swallow the rest
/// of the list).
fn parse_items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut in_tail = false;
    let mut pieces = Vec::new();
    for line in text.split(['\n', '\r']) {
        pieces.clear();
        split_line(line, &mut pieces);
        let mut negated = false;
        for &(piece, sentence_end) in &pieces {
            for raw in split_blends(piece) {
                let seg = clean_segment(raw);
                in_tail |= seg.tail_here;
                negated = (negated && !seg.heading) || seg.negated;
                if let (Some(name), false) = (seg.name, negated) {
                    if !is_claim(&name) {
                        items.push(Item {
                            name,
                            in_colour_tail: in_tail,
                        });
                    }
                }
                in_tail |= seg.tail_after;
            }
            negated &= !sentence_end;
        }
    }
    items
}

/// Splits one line at separators, recording for each piece whether a sentence ended
/// there (a period), which ends a "free from" claim. Commas, semicolons and periods inside
/// balanced parentheses do not split (`Zinc Oxide (20%, non-nano)`); if the line's
/// parentheses do not balance they protect nothing.
fn split_line<'a>(line: &'a str, out: &mut Vec<(&'a str, bool)>) {
    let protect = parens_balanced(line);
    let mut depth = 0usize;
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let inside = protect && depth > 0;
        if !inside && is_separator(c, prev, next) {
            out.push((&line[start..i], c == '.'));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push((&line[start..], true));
}

/// Whether `c` ends an ingredient. A comma between digits (`1,2-Hexanediol`, `0,5%`) and a
/// period before a digit (`0.5%`) do not.
fn is_separator(c: char, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        ',' => !between_digits(prev, next),
        '.' => !next.is_some_and(|n| n.is_ascii_digit()),
        ';' | ':' | '[' | ']' | '{' | '}' | '|' | '\t' => true,
        '•' | '·' | '●' | '○' | '◦' | '▪' | '■' | '□' | '‣' | '⁃' | '∙' | '►' | '▶' | '✓' | '✔' => {
            true
        }
        _ => false,
    }
}

fn parens_balanced(line: &str) -> bool {
    let mut depth = 0i32;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Splits trade-name blends written `A (and) B` into their ingredients.
fn split_blends(segment: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(segment);
    std::iter::from_fn(move || {
        let s = rest?;
        match find_ascii_ci(s, "(and)") {
            Some(at) => {
                rest = Some(&s[at + "(and)".len()..]);
                Some(&s[..at])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// Byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.char_indices().map(|(i, _)| i).find(|&i| {
        haystack
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// A raw segment after labels and markers are removed.
struct Segment {
    /// The ingredient, or `None` when the segment was only a label or empty.
    name: Option<String>,
    /// The segment opened a `May contain` / `+/-` tail that includes it.
    tail_here: bool,
    /// The segment ended with `May contain`: the tail starts after it.
    tail_after: bool,
    /// The segment opened a "free from" / "without" claim: the rest of the line lists
    /// what the product does *not* contain.
    negated: bool,
    /// The segment carried an `Ingredients` / `May contain` label, which ends a claim.
    heading: bool,
}

/// What a leading or trailing label phrase means.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Label {
    /// `Ingredients`, `INCI`, `Active Ingredients`, …: just drop it.
    Plain,
    /// `May contain`, `+/-`: colourants that depend on the shade follow.
    ColourTail,
    /// `Free from`, `Without`: what follows is absent.
    Negation,
}

/// Label phrases, longest first so `Active Ingredients` wins over `Ingredients`.
const LABELS: &[(&str, Label)] = &[
    ("full ingredient list", Label::Plain),
    ("inactive ingredients", Label::Plain),
    ("formulated without", Label::Negation),
    ("active ingredients", Label::Plain),
    ("inactive ingredient", Label::Plain),
    ("other ingredients", Label::Plain),
    ("active ingredient", Label::Plain),
    ("does not contain", Label::Negation),
    ("ingredient list", Label::Plain),
    ("ingredients", Label::Plain),
    ("ingredient", Label::Plain),
    ("may contain", Label::ColourTail),
    ("free from", Label::Negation),
    ("contains", Label::Plain),
    ("free of", Label::Negation),
    ("without", Label::Negation),
    ("(+/-)", Label::ColourTail),
    ("inci", Label::Plain),
    ("+/-", Label::ColourTail),
];

/// Words that, alone or together, make a segment a heading or a footnote rather than an
/// ingredient (`Drug Facts`, `Purpose`, `Nano`, `*from organic farming`). Sorted.
const NON_INGREDIENT_WORDS: &[&str] = &[
    "active",
    "agriculture",
    "certified",
    "comedogenic",
    "contain",
    "contains",
    "drug",
    "facts",
    "farming",
    "from",
    "full",
    "hypoallergenic",
    "inactive",
    "inci",
    "ingredient",
    "ingredients",
    "ingrédients",
    "list",
    "may",
    "nano",
    "non",
    "none",
    "of",
    "organic",
    "other",
    "purpose",
    "unscented",
    "vegan",
];

fn clean_segment(raw: &str) -> Segment {
    let mut seg = Segment {
        name: None,
        tail_here: false,
        tail_after: false,
        negated: false,
        heading: false,
    };
    let mut s = trim_junk(raw);
    while let Some((rest, label)) = strip_leading_label(s) {
        seg.tail_here |= label == Label::ColourTail;
        seg.negated |= label == Label::Negation;
        seg.heading |= label != Label::Negation;
        s = trim_junk(rest);
    }
    while let Some((rest, label)) = strip_trailing_label(s) {
        seg.tail_after |= label == Label::ColourTail;
        s = trim_junk(rest);
    }
    let has_letters = s.chars().any(char::is_alphabetic);
    if has_letters && !is_heading(s) {
        seg.name = Some(display_name(s));
    }
    seg
}

/// Trims whitespace, bullets, list dashes, footnote marks, quotes and trailing periods.
fn trim_junk(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || is_footnote_mark(c)
            || matches!(
                c,
                '-' | '–' | '—' | '.' | '"' | '\'' | '“' | '”' | '>' | '='
            )
    })
}

fn strip_leading_label(s: &str) -> Option<(&str, Label)> {
    LABELS.iter().find_map(|&(phrase, label)| {
        let head = s.get(..phrase.len())?;
        let rest = &s[phrase.len()..];
        let boundary = !ends_alnum(phrase) || !rest.starts_with(char::is_alphanumeric);
        (head.eq_ignore_ascii_case(phrase) && boundary).then_some((rest, label))
    })
}

fn strip_trailing_label(s: &str) -> Option<(&str, Label)> {
    LABELS.iter().find_map(|&(phrase, label)| {
        let cut = s.len().checked_sub(phrase.len())?;
        let tail = s.get(cut..)?;
        let rest = &s[..cut];
        let boundary = !rest.ends_with(char::is_alphanumeric);
        let trailing_ok = label != Label::Negation;
        (tail.eq_ignore_ascii_case(phrase) && boundary && trailing_ok).then_some((rest, label))
    })
}

fn ends_alnum(s: &str) -> bool {
    s.ends_with(char::is_alphanumeric)
}

fn is_heading(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_lowercase();
            NON_INGREDIENT_WORDS.binary_search(&w.as_str()).is_ok()
        })
}

/// The name shown back to the user: footnote marks dropped, whitespace collapsed.
fn display_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let word: String = word.chars().filter(|&c| !is_footnote_mark(c)).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Classifying one ingredient
// ---------------------------------------------------------------------------------------

/// A small set of classes as bits, so classifying an ingredient allocates nothing.
#[derive(Copy, Clone, Default, PartialEq, Eq, Debug)]
struct ClassSet(u16);

impl ClassSet {
    fn insert(&mut self, class: IngredientClass) {
        self.0 |= 1 << class as u16;
    }

    fn remove(&mut self, class: IngredientClass) {
        self.0 &= !(1 << class as u16);
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn union(&mut self, other: ClassSet) {
        self.0 |= other.0;
    }

    fn iter(self) -> impl Iterator<Item = IngredientClass> {
        IngredientClass::ALL
            .into_iter()
            .filter(move |&c| self.0 & (1 << c as u16) != 0)
    }
}

/// Classes of one ingredient, and whether it is recognised. Its name without parentheses,
/// each slash alternative, and each parenthesised alternative are looked up, and the
/// classes united. It is recognised when a class matched, when the name without
/// parentheses is known, when every slash alternative is (`Water/Aqua/Eau`), or when every
/// parenthesised alternative is (`Aloe Vera (Aloe Barbadensis Leaf Juice)`).
fn item_classes(item: &Item) -> (ClassSet, bool) {
    let (base, groups) = split_parens(&item.name);
    let base_key = normalise(&base);
    let base_key = strip_free(&base_key).unwrap_or("");
    let mut set = key_classes(base_key);
    let mut known = key_known(base_key);
    let mut colourant = item.in_colour_tail;
    if base_key.contains('/') {
        let mut all_known = true;
        for part in base_key.split('/') {
            let part = part.trim();
            set.union(key_classes(part));
            all_known &= key_known(part);
        }
        known |= all_known;
    }
    let mut group_seen = false;
    let mut groups_known = true;
    for part in groups.iter().flat_map(|g| g.split([',', ';', '/'])) {
        let key = normalise(part);
        let Some(key) = strip_free(&key) else {
            continue;
        };
        colourant |= is_colour_index(key);
        set.union(key_classes(key));
        if !key.is_empty() {
            group_seen = true;
            groups_known &= key_known(key);
        }
    }
    known |= group_seen && groups_known;
    if colourant {
        set.remove(IngredientClass::SunscreenFilter);
    }
    known |= !set.is_empty();
    (set, known)
}

/// Splits `Salix Alba (Willow) Bark Extract` into `Salix Alba  Bark Extract` and
/// `["Willow"]`. Nested parentheses stay in their outer group; an unclosed one runs to
/// the end.
fn split_parens(name: &str) -> (String, Vec<String>) {
    let mut base = String::with_capacity(name.len());
    let mut groups: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    groups.push(String::new());
                }
                depth += 1;
                base.push(' ');
            }
            ')' if depth > 0 => depth -= 1,
            ')' => base.push(' '),
            _ if depth > 0 => {
                if let Some(group) = groups.last_mut() {
                    group.push(c);
                }
            }
            _ => base.push(c),
        }
    }
    (base, groups)
}

/// GUIDANCE §3: "free" negates only the class it names. Returns the part of `key` that
/// names an ingredient: all of it when it makes no claim, the words after the last "free"
/// (`phthalate free fragrance` → `fragrance`), or `None` when the whole key is a claim about
/// absence (`fragrance free`, `paraben free`, `no fragrance`, `without parfum`).
fn strip_free(key: &str) -> Option<&str> {
    let first = key.split([' ', '/']).next();
    if matches!(first, Some("no" | "without" | "zero")) {
        return None;
    }
    let mut after_free = None;
    let mut at = 0;
    for word in key.split([' ', '/']) {
        at += word.len();
        if word == "free" {
            after_free = Some(at);
        }
        at += 1;
    }
    match after_free {
        None => Some(key),
        Some(end) => {
            let rest = key.get(end..).unwrap_or("").trim_matches([' ', '/']);
            (!rest.is_empty()).then_some(rest)
        }
    }
}

/// A segment that only claims an absence (`Fragrance-Free`, `Paraben-free`, `0% alcohol`):
/// not an ingredient, so it is left out of the list altogether.
fn is_claim(name: &str) -> bool {
    let base = normalise(&split_parens(name).0);
    (!base.is_empty() && strip_free(&base).is_none()) || has_zero_percent(name)
}

/// `0%`, `0,0 %`: a percentage of nothing, as in "0% fragrance".
fn has_zero_percent(name: &str) -> bool {
    let spaced = lower_and_space(name);
    let mut prev = "";
    for token in spaced.split_whitespace() {
        if token == "%" && is_number(prev) && prev.replace(',', ".").parse::<f64>() == Ok(0.0) {
            return true;
        }
        prev = token;
    }
    false
}

/// Words of drug-facts panels that are not ingredients: the "Purpose" column (`Skin
/// protectant`, `Acne treatment`, `Sunscreen`). Sorted. A name made only of these words is
/// neither an ingredient nor unrecognised.
const LABEL_TEXT_WORDS: &[&str] = &[
    "acne",
    "aid",
    "anti",
    "antiperspirant",
    "antiseptic",
    "cream",
    "diaper",
    "first",
    "gel",
    "itch",
    "lightener",
    "lotion",
    "medication",
    "ointment",
    "protectant",
    "purpose",
    "purposes",
    "rash",
    "skin",
    "sunscreen",
    "treatment",
];

fn is_label_text(key: &str) -> bool {
    !key.is_empty()
        && key
            .split([' ', '/'])
            .filter(|w| !w.is_empty())
            .all(|w| LABEL_TEXT_WORDS.binary_search(&w).is_ok())
}

/// `CI 77891` or `C.I. 77891`: a colour index number, i.e. a pigment.
fn is_colour_index(key: &str) -> bool {
    let rest = key.strip_prefix("ci ").or_else(|| key.strip_prefix("c i "));
    rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

/// Classes for one normalised key: the exact table, the word rules and the salt rule, for
/// the key as it is and without an isomer prefix, and for each part of `A and B`.
fn key_classes(key: &str) -> ClassSet {
    let mut set = ClassSet::default();
    if key.is_empty() {
        return set;
    }
    set.union(direct_classes(key));
    if let Some(rest) = strip_isomer(key) {
        set.union(direct_classes(rest));
    }
    for part in and_parts(key) {
        set.union(key_classes(part));
    }
    set
}

fn direct_classes(key: &str) -> ClassSet {
    let mut set = ClassSet::default();
    if let Some(class) = table_class(key) {
        set.insert(class);
    }
    set.union(word_rules(key));
    if is_salt_of_paused_acid(key) {
        set.insert(IngredientClass::ExfoliatingAcid);
    }
    if let Some(acid) = strip_salt_suffix(key) {
        set.union(direct_classes(acid));
    }
    set
}

fn table_class(key: &str) -> Option<IngredientClass> {
    TABLE
        .binary_search_by(|(k, _)| k.cmp(&key))
        .ok()
        .map(|i| TABLE[i].1)
}

/// Whether a normalised key names an ingredient Needlewise knows: a class matches it, it is
/// in the table (a titanium dioxide pigment is known without being a filter), or it is in
/// the benign vocabulary (also with a grade number dropped: `Carbomer 940`), as it is,
/// without an isomer prefix (`L-Proline`), or as `A and B` with both parts known.
fn key_known(key: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    let direct = |k: &str| {
        table_class(k).is_some()
            || !direct_classes(k).is_empty()
            || is_benign(k)
            || strip_grade(k).is_some_and(is_benign)
    };
    if direct(key) || strip_isomer(key).is_some_and(direct) {
        return true;
    }
    let mut parts = and_parts(key).peekable();
    parts.peek().is_some() && parts.all(key_known)
}

/// `l lactic acid` → `lactic acid`: the L-, D-, DL- and D L- isomer prefixes (GUIDANCE §3:
/// they do not hide an acid). `D,L-` cannot reach here: a comma ends an ingredient.
fn strip_isomer(key: &str) -> Option<&str> {
    ["dl ", "d l ", "l ", "d "]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .filter(|rest| !rest.is_empty())
}

/// `carbomer 940` → `carbomer`: a trailing grade number.
fn strip_grade(key: &str) -> Option<&str> {
    let (head, last) = key.rsplit_once(' ')?;
    last.chars().all(|c| c.is_ascii_digit()).then_some(head)
}

/// The parts of `a and b and c`; nothing when the key has no word "and".
fn and_parts(key: &str) -> impl Iterator<Item = &str> {
    let has_and = key.contains(" and ");
    key.split(" and ")
        .map(str::trim)
        .filter(move |p| has_and && !p.is_empty())
}

/// Cations of the salts INCI names as `Sodium Glycolate`. Sorted.
const SALT_CATIONS: &[&str] = &[
    "ammonium",
    "calcium",
    "dipotassium",
    "disodium",
    "magnesium",
    "potassium",
    "sodium",
    "zinc",
];

/// Anions of the acids GUIDANCE pauses (lactate is left out on purpose: see the module
/// decisions). Sorted.
const PAUSED_ACID_ANIONS: &[&str] = &[
    "azelate",
    "glycolate",
    "lactobionate",
    "malate",
    "mandelate",
    "salicylate",
    "tartrate",
];

/// GUIDANCE §3: salts do not hide an acid. `sodium glycolate`, `potassium sodium
/// tartrate`, `sodium dl mandelate`.
fn is_salt_of_paused_acid(key: &str) -> bool {
    let mut words = key.split(' ').filter(|w| !matches!(*w, "l" | "d" | "dl"));
    let Some(anion) = words.next_back() else {
        return false;
    };
    let mut cations = words.peekable();
    PAUSED_ACID_ANIONS.binary_search(&anion).is_ok()
        && cations.peek().is_some()
        && cations.all(|w| SALT_CATIONS.binary_search(&w).is_ok())
}

/// `salicylic acid sodium salt` → `salicylic acid`.
fn strip_salt_suffix(key: &str) -> Option<&str> {
    let rest = key
        .strip_suffix(" salt")
        .or_else(|| key.strip_suffix(" salts"))?;
    let (acid, cation) = rest.rsplit_once(' ')?;
    SALT_CATIONS.binary_search(&cation).is_ok().then_some(acid)
}

// ---------------------------------------------------------------------------------------
// The benign vocabulary
// ---------------------------------------------------------------------------------------

/// `data/inci_benign.tsv`: common INCI names in no class (see its header).
const BENIGN_TSV: &str = include_str!("../data/inci_benign.tsv");

/// The vocabulary's (name, function) rows, in file order.
fn benign_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    BENIGN_TSV
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (name, function) = line.split_once('\t').unwrap_or((line, ""));
            (name.trim(), function.trim())
        })
}

/// The lookup key of a vocabulary name, made as an ingredient's base key is.
fn benign_key(name: &str) -> String {
    normalise(&split_parens(name).0)
}

/// The vocabulary's keys, sorted and deduplicated, parsed once.
fn benign_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<String> = benign_rows()
            .map(|(name, _)| benign_key(name))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    })
}

fn is_benign(key: &str) -> bool {
    benign_keys()
        .binary_search_by(|k| k.as_str().cmp(key))
        .is_ok()
}

/// How many distinct names the benign vocabulary holds.
pub fn benign_vocabulary_len() -> usize {
    benign_keys().len()
}

/// Rules for families whose names are open-ended. Each looks at whole words.
fn word_rules(key: &str) -> ClassSet {
    use IngredientClass::*;
    let mut set = ClassSet::default();
    let mut prev = "";
    let mut last = "";
    let mut second_last = "";
    for word in key.split([' ', '/']).filter(|w| !w.is_empty()) {
        if is_retinoid_word(word) {
            set.insert(Retinoid);
        }
        if is_vitamin_c_word(word) {
            set.insert(VitaminC);
        }
        if is_hyaluronic_word(word) {
            set.insert(Hydrating);
        }
        if is_fragrance_word(word) {
            set.insert(Fragrance);
        }
        if is_exfoliant_word(word) {
            set.insert(ExfoliatingAcid);
        }
        if is_growth_factor_word(word) {
            set.insert(GrowthFactor);
        }
        if is_peptide_word(word) {
            if is_recombinant_growth_factor(prev, word) {
                set.insert(GrowthFactor);
            } else {
                set.insert(Peptide);
            }
        }
        second_last = prev;
        last = word;
        prev = word;
    }
    if starts_with_phrase(key, "vitamin a") {
        set.insert(Retinoid);
    }
    if starts_with_phrase(key, "vitamin c") {
        set.insert(VitaminC);
    }
    if has_phrase(key, "growth factor")
        || has_phrase(key, "growth factors")
        || has_phrase(key, "conditioned media")
        || has_phrase(key, "conditioned medium")
    {
        set.insert(GrowthFactor);
    }
    if is_essential_oil_blend(key) || is_essential_oil(key) {
        set.insert(Fragrance);
    }
    if is_scrub_powder(second_last, last) {
        set.insert(Scrub);
    }
    set
}

fn is_retinoid_word(w: &str) -> bool {
    matches!(
        w,
        "retinol"
            | "retinal"
            | "retinaldehyde"
            | "tretinoin"
            | "isotretinoin"
            | "alitretinoin"
            | "adapalene"
            | "tazarotene"
            | "trifarotene"
            | "retinoic"
            | "retinoate"
            | "retinoid"
            | "retinoids"
            // GUIDANCE §3: paused with the retinoids.
            | "bakuchiol"
            | "hydroquinone"
    ) || w.starts_with("retinyl")
}

/// Words that make a name an exfoliant whatever surrounds them (GUIDANCE §3): azelaic acid
/// and its derivatives, and the enzyme exfoliants.
fn is_exfoliant_word(w: &str) -> bool {
    matches!(
        w,
        "azelaic" | "azeloyl" | "papain" | "bromelain" | "subtilisin"
    )
}

/// Ascorbic acid and its derivatives; isoascorbic (erythorbic) acid has no vitamin C
/// activity.
fn is_vitamin_c_word(w: &str) -> bool {
    w.contains("ascorb") && !w.starts_with("isoascorb")
}

fn is_hyaluronic_word(w: &str) -> bool {
    w == "hyaluronic" || w == "hyaluronan" || w.ends_with("hyaluronate")
}

fn is_fragrance_word(w: &str) -> bool {
    matches!(
        w,
        "parfum"
            | "parfums"
            | "fragrance"
            | "fragrances"
            | "perfume"
            | "aroma"
            | "flavor"
            | "flavour"
    )
}

fn is_growth_factor_word(w: &str) -> bool {
    matches!(
        w,
        "egf" | "fgf" | "afgf" | "bfgf" | "igf" | "kgf" | "vegf" | "tgf" | "pdgf" | "hgf"
    )
}

fn is_peptide_word(w: &str) -> bool {
    w.ends_with("peptide") || w.ends_with("peptides") || matches!(w, "matrixyl" | "argireline")
}

/// `sh-Oligopeptide-1` (EGF), `rh-Polypeptide-…`, `Human Oligopeptide-1`: recombinant
/// human growth factors named as peptides.
fn is_recombinant_growth_factor(prev: &str, w: &str) -> bool {
    matches!(prev, "sh" | "rh" | "human") && matches!(w, "oligopeptide" | "polypeptide")
}

/// Genera whose oils are essential oils (except seed, kernel and nut oils, which are
/// carriers). Sorted for binary search. *Rosa* has its own rule ([`is_essential_oil`]).
const ESSENTIAL_OIL_GENERA: &[&str] = &[
    "abies",
    "achillea",
    "aloysia",
    "amyris",
    "anethum",
    "aniba",
    "anthemis",
    "artemisia",
    "backhousia",
    "boswellia",
    "cananga",
    "canarium",
    "cedrus",
    "chamomilla",
    "chrysopogon",
    "cinnamomum",
    "cistus",
    "citrus",
    "commiphora",
    "coriandrum",
    "cuminum",
    "cupressus",
    "cymbopogon",
    "elettaria",
    "eucalyptus",
    "eugenia",
    "ferula",
    "foeniculum",
    "gaultheria",
    "helichrysum",
    "hyssopus",
    "illicium",
    "jasminum",
    "juniperus",
    "kunzea",
    "laurus",
    "lavandula",
    "leptospermum",
    "litsea",
    "matricaria",
    "melaleuca",
    "melissa",
    "mentha",
    "michelia",
    "myristica",
    "myroxylon",
    "myrtus",
    "nardostachys",
    "ocimum",
    "origanum",
    "osmanthus",
    "pelargonium",
    "pimpinella",
    "pinus",
    "piper",
    "pogostemon",
    "polianthes",
    "ravensara",
    "rosmarinus",
    "salvia",
    "santalum",
    "styrax",
    "syzygium",
    "tanacetum",
    "thuja",
    "thymus",
    "valeriana",
    "vanilla",
    "vetiveria",
    "zingiber",
];

/// Common names of essential oils as labels print them (`Lavender Oil`, `Tea Tree Oil`,
/// `Ylang Ylang Oil`); one or two words, sorted.
const ESSENTIAL_OIL_NAMES: &[&str] = &[
    "anise",
    "basil",
    "bay",
    "benzoin",
    "bergamot",
    "cajeput",
    "camphor",
    "cardamom",
    "cassia",
    "cedar",
    "cedarwood",
    "chamomile",
    "cinnamon",
    "citronella",
    "clove",
    "coriander",
    "cypress",
    "davana",
    "dill",
    "elemi",
    "eucalyptus",
    "fennel",
    "fir",
    "frankincense",
    "galbanum",
    "geranium",
    "ginger",
    "grapefruit",
    "helichrysum",
    "hyssop",
    "immortelle",
    "jasmine",
    "juniper",
    "kanuka",
    "labdanum",
    "lavandin",
    "lavender",
    "lemon",
    "lemon balm",
    "lemon grass",
    "lemon myrtle",
    "lemon verbena",
    "lemongrass",
    "lime",
    "litsea",
    "mandarin",
    "manuka",
    "marjoram",
    "may chang",
    "melissa",
    "mint",
    "myrrh",
    "myrtle",
    "neroli",
    "niaouli",
    "nutmeg",
    "orange",
    "oregano",
    "palmarosa",
    "patchouli",
    "pepper",
    "peppermint",
    "petitgrain",
    "pine",
    "ravensara",
    "rose",
    "rosemary",
    "rosewood",
    "sage",
    "sandalwood",
    "spearmint",
    "spikenard",
    "spruce",
    "tangerine",
    "tansy",
    "tarragon",
    "tea tree",
    "thyme",
    "tuberose",
    "valerian",
    "vanilla",
    "verbena",
    "vetiver",
    "wintergreen",
    "yarrow",
    "ylang ylang",
    "yuzu",
];

/// Plant parts named before "Oil". Sorted.
const PLANT_PARTS: &[&str] = &[
    "bark", "berry", "bud", "flower", "flowers", "fruit", "gum", "herb", "hip", "hips", "kernel",
    "leaf", "leaves", "needle", "nut", "peel", "resin", "rind", "root", "seed", "twig", "wood",
    "zest",
];

/// Plant parts whose oils are distilled or pressed for scent, whatever the plant
/// (`Rosa Damascena Flower Oil` is fragrance, `Rosa Canina Fruit Oil` is not).
const AROMATIC_PARTS: &[&str] = &[
    "bark", "bud", "flower", "flowers", "herb", "leaf", "leaves", "needle", "peel", "resin",
    "rind", "twig", "wood", "zest",
];

/// Plant parts whose oils are carrier oils, whatever the plant.
const CARRIER_PARTS: &[&str] = &["hip", "hips", "kernel", "nut", "seed"];

/// *Rosa* species whose oil is rosehip (carrier) oil.
const ROSEHIP_SPECIES: &[&str] = &[
    "affinis",
    "canina",
    "eglanteria",
    "moschata",
    "mosqueta",
    "rubiginosa",
];

/// `Essential Oils`, `Blend of Essential Oils`, `Essential Oil Blend`, `Huiles
/// Essentielles`, `Lavandulae Aetheroleum`.
fn is_essential_oil_blend(key: &str) -> bool {
    has_phrase(key, "essential oil")
        || has_phrase(key, "essential oils")
        || has_phrase(key, "huile essentielle")
        || has_phrase(key, "huiles essentielles")
        || key
            .split([' ', '/'])
            .any(|w| matches!(w, "aetheroleum" | "aetherolea"))
}

/// An oil named by an aromatic genus, an aromatic plant part, a common essential-oil name
/// or *Rosa* without a carrier part (GUIDANCE §3: essential oils count as fragrance however
/// they are written).
fn is_essential_oil(key: &str) -> bool {
    let mut words = key.split([' ', '/']).filter(|w| !w.is_empty());
    if !matches!(words.next_back(), Some("oil" | "oils")) {
        return false;
    }
    let mut name: Vec<&str> = words.collect();
    let mut aromatic_part = false;
    let mut carrier_part = false;
    let mut fruit_part = false;
    while let Some(&part) = name.last() {
        if PLANT_PARTS.binary_search(&part).is_err() {
            break;
        }
        aromatic_part |= AROMATIC_PARTS.contains(&part);
        carrier_part |= CARRIER_PARTS.contains(&part);
        fruit_part |= part == "fruit";
        name.pop();
    }
    let Some(&genus) = name.first() else {
        return false;
    };
    if carrier_part {
        return false;
    }
    if aromatic_part {
        return true;
    }
    if genus == "rosa" {
        let species = name.get(1).copied().unwrap_or("");
        return !fruit_part && !ROSEHIP_SPECIES.contains(&species);
    }
    if ESSENTIAL_OIL_GENERA.binary_search(&genus).is_ok() {
        return true;
    }
    let n = name.len();
    let last_one = name[n - 1];
    let last_two = (n >= 2).then(|| format!("{} {}", name[n - 2], name[n - 1]));
    let common = |w: &str| ESSENTIAL_OIL_NAMES.binary_search(&w).is_ok();
    let rose_fruit = fruit_part && last_one == "rose";
    !rose_fruit && (common(last_one) || last_two.as_deref().is_some_and(common))
}

/// `Juglans Regia Shell Powder`, `Prunus Armeniaca Seed Powder`, `Olea Europaea Seed
/// Powder`, `Prunus Amygdalus Dulcis Seed Meal`: ground hard plant parts.
fn is_scrub_powder(part: &str, last: &str) -> bool {
    match last {
        "powder" => matches!(
            part,
            "shell" | "seed" | "pit" | "stone" | "kernel" | "cob" | "husk"
        ),
        "meal" => matches!(part, "shell" | "seed"),
        _ => false,
    }
}

/// Whether `phrase` occurs in `key` as whole words.
fn has_phrase(key: &str, phrase: &str) -> bool {
    key.match_indices(phrase).any(|(at, _)| {
        let before = key[..at].chars().next_back();
        let after = key[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn starts_with_phrase(key: &str, phrase: &str) -> bool {
    key.strip_prefix(phrase)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// Exact names, normalised (see [`normalise`]) and sorted by bytes for binary search.
/// Families with open-ended names are in [`word_rules`] instead.
static TABLE: &[(&str, IngredientClass)] = {
    use IngredientClass::*;
    &[
        ("3 benzylidene camphor", SunscreenFilter),
        ("4 methylbenzylidene camphor", SunscreenFilter),
        ("acetyl cedrene", Fragrance),
        ("aha", ExfoliatingAcid),
        ("ahas", ExfoliatingAcid),
        ("alpha hydroxy acid", ExfoliatingAcid),
        ("alpha hydroxy acids", ExfoliatingAcid),
        ("alpha isomethyl ionone", Fragrance),
        ("alpha pinene", Fragrance),
        ("alpha terpinene", Fragrance),
        ("alpha terpineol", Fragrance),
        ("amiloxate", SunscreenFilter),
        ("aminobenzoic acid", SunscreenFilter),
        ("ammonium glycolate", ExfoliatingAcid),
        ("ammonium lactate", ExfoliatingAcid),
        ("amyl cinnamal", Fragrance),
        ("amyl salicylate", Fragrance),
        ("amylcinnamyl alcohol", Fragrance),
        ("anethole", Fragrance),
        ("anise alcohol", Fragrance),
        ("avobenzone", SunscreenFilter),
        ("azeloglicina", ExfoliatingAcid),
        ("bambusa arundinacea stem powder", Scrub),
        ("bemotrizinol", SunscreenFilter),
        ("benzaldehyde", Fragrance),
        ("benzophenone 3", SunscreenFilter),
        ("benzophenone 4", SunscreenFilter),
        ("benzophenone 5", SunscreenFilter),
        ("benzophenone 8", SunscreenFilter),
        ("benzoyl peroxide", BenzoylPeroxide),
        ("benzyl benzoate", Fragrance),
        ("benzyl cinnamate", Fragrance),
        ("benzyl salicylate", Fragrance),
        ("benzylidene camphor sulfonic acid", SunscreenFilter),
        ("beta caryophyllene", Fragrance),
        ("beta hydroxy acid", ExfoliatingAcid),
        ("beta hydroxy acids", ExfoliatingAcid),
        ("beta pinene", Fragrance),
        ("betaine salicylate", ExfoliatingAcid),
        ("bha", ExfoliatingAcid),
        ("bhas", ExfoliatingAcid),
        (
            "bis ethylhexyloxyphenol methoxyphenyl triazine",
            SunscreenFilter,
        ),
        ("bisdisulizole disodium", SunscreenFilter),
        ("bisoctrizole", SunscreenFilter),
        ("butyl methoxydibenzoylmethane", SunscreenFilter),
        ("butylphenyl methylpropional", Fragrance),
        ("camphor", Fragrance),
        ("capryloyl salicylic acid", ExfoliatingAcid),
        ("carvone", Fragrance),
        ("caryophyllene", Fragrance),
        ("cinnamal", Fragrance),
        ("cinnamyl alcohol", Fragrance),
        ("cinoxate", SunscreenFilter),
        ("citral", Fragrance),
        ("citronellol", Fragrance),
        ("coumarin", Fragrance),
        ("d limonene", Fragrance),
        (
            "diethylamino hydroxybenzoyl hexyl benzoate",
            SunscreenFilter,
        ),
        ("diethylhexyl butamido triazone", SunscreenFilter),
        ("dioxybenzone", SunscreenFilter),
        (
            "disodium phenyl dibenzimidazole tetrasulfonate",
            SunscreenFilter,
        ),
        ("drometrizole trisiloxane", SunscreenFilter),
        ("ecamsule", SunscreenFilter),
        ("ensulizole", SunscreenFilter),
        ("enzacamene", SunscreenFilter),
        ("ethylhexyl dimethyl paba", SunscreenFilter),
        ("ethylhexyl methoxycinnamate", SunscreenFilter),
        ("ethylhexyl salicylate", SunscreenFilter),
        ("ethylhexyl triazone", SunscreenFilter),
        ("eugenol", Fragrance),
        ("eugenyl acetate", Fragrance),
        ("evernia furfuracea extract", Fragrance),
        ("evernia prunastri extract", Fragrance),
        ("farnesol", Fragrance),
        ("gamma terpinene", Fragrance),
        ("geraniol", Fragrance),
        ("geranyl acetate", Fragrance),
        ("gluconolactone", ExfoliatingAcid),
        ("glycolic acid", ExfoliatingAcid),
        ("hexadecanolactone", Fragrance),
        ("hexamethylindanopyran", Fragrance),
        ("hexyl cinnamal", Fragrance),
        ("hexyl salicylate", Fragrance),
        ("homosalate", SunscreenFilter),
        ("hydrous benzoyl peroxide", BenzoylPeroxide),
        ("hydroxycitronellal", Fragrance),
        ("hydroxyisohexyl 3 cyclohexene carboxaldehyde", Fragrance),
        ("iscotrizinol", SunscreenFilter),
        ("isoamyl p methoxycinnamate", SunscreenFilter),
        ("isoeugenol", Fragrance),
        ("isoeugenyl acetate", Fragrance),
        ("lactic acid", ExfoliatingAcid),
        ("lactobionic acid", ExfoliatingAcid),
        ("limonene", Fragrance),
        ("linalool", Fragrance),
        ("linalyl acetate", Fragrance),
        ("malic acid", ExfoliatingAcid),
        ("maltobionic acid", ExfoliatingAcid),
        ("mandelic acid", ExfoliatingAcid),
        ("menthol", Fragrance),
        ("menthyl anthranilate", SunscreenFilter),
        ("meradimate", SunscreenFilter),
        (
            "methoxypropylamino cyclohexenylidene ethoxyethylcyanoacetate",
            SunscreenFilter,
        ),
        ("methyl 2 octynoate", Fragrance),
        ("methyl salicylate", Fragrance),
        (
            "methylene bis benzotriazolyl tetramethylbutylphenol",
            SunscreenFilter,
        ),
        ("mexoryl 400", SunscreenFilter),
        ("mexoryl sx", SunscreenFilter),
        ("mexoryl xl", SunscreenFilter),
        ("myroxylon pereirae resin", Fragrance),
        ("octinoxate", SunscreenFilter),
        ("octisalate", SunscreenFilter),
        ("octocrylene", SunscreenFilter),
        ("octyl dimethyl paba", SunscreenFilter),
        ("octyl methoxycinnamate", SunscreenFilter),
        ("octyl salicylate", SunscreenFilter),
        ("octyl triazone", SunscreenFilter),
        ("oxybenzone", SunscreenFilter),
        ("paba", SunscreenFilter),
        ("padimate o", SunscreenFilter),
        ("parsol 1789", SunscreenFilter),
        ("peg 25 paba", SunscreenFilter),
        ("perlite", Scrub),
        ("pha", ExfoliatingAcid),
        ("phas", ExfoliatingAcid),
        ("phenylbenzimidazole sulfonic acid", SunscreenFilter),
        ("phenylene bis diphenyltriazine", SunscreenFilter),
        ("pinene", Fragrance),
        ("poly hydroxy acid", ExfoliatingAcid),
        ("poly hydroxy acids", ExfoliatingAcid),
        ("polyhydroxy acid", ExfoliatingAcid),
        ("polyhydroxy acids", ExfoliatingAcid),
        ("polysilicone 15", SunscreenFilter),
        ("pumice", Scrub),
        ("salicylaldehyde", Fragrance),
        ("salicylic acid", ExfoliatingAcid),
        ("salix alba bark extract", ExfoliatingAcid),
        ("salix nigra bark extract", ExfoliatingAcid),
        ("santalol", Fragrance),
        ("sclareol", Fragrance),
        ("sulisobenzone", SunscreenFilter),
        ("tartaric acid", ExfoliatingAcid),
        ("terephthalylidene dicamphor sulfonic acid", SunscreenFilter),
        ("terpinene", Fragrance),
        ("terpineol", Fragrance),
        ("terpinolene", Fragrance),
        ("tetramethyl acetyloctahydronaphthalenes", Fragrance),
        ("tinosorb m", SunscreenFilter),
        ("tinosorb s", SunscreenFilter),
        ("titanium dioxide", SunscreenFilter),
        ("trans anethole", Fragrance),
        ("trimethylbenzenepropanol", Fragrance),
        ("tris biphenyl triazine", SunscreenFilter),
        ("trolamine salicylate", SunscreenFilter),
        ("uvinul a plus", SunscreenFilter),
        ("uvinul t 150", SunscreenFilter),
        ("vanillin", Fragrance),
        ("willow bark extract", ExfoliatingAcid),
        ("zinc oxide", SunscreenFilter),
    ]
};

#[cfg(test)]
mod tests {
    use super::IngredientClass::*;
    use super::*;

    fn classes(inci: &str) -> Vec<IngredientClass> {
        classify(inci).classes.into_iter().collect()
    }

    #[test]
    fn table_is_sorted_unique_and_normalised() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?} before {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for (key, _) in TABLE {
            assert_eq!(normalise(key), *key);
        }
        for pair in ESSENTIAL_OIL_GENERA.windows(2) {
            assert!(pair[0] < pair[1]);
        }
        for pair in NON_INGREDIENT_WORDS.windows(2) {
            assert!(pair[0] < pair[1]);
        }
    }

    #[test]
    fn splits_on_commas_semicolons_lines_and_bullets() {
        let got = parse_inci(
            "Water, Glycerin; Niacinamide\nPanthenol\r\nAllantoin • Squalane · Urea|Betaine",
        );
        assert_eq!(
            got,
            [
                "Water",
                "Glycerin",
                "Niacinamide",
                "Panthenol",
                "Allantoin",
                "Squalane",
                "Urea",
                "Betaine"
            ]
        );
    }

    #[test]
    fn drops_labels_at_the_start_and_mid_text() {
        assert_eq!(
            parse_inci("Ingredients: Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(parse_inci("INCI: Aqua, Glycerin."), ["Aqua", "Glycerin"]);
        assert_eq!(
            parse_inci("Ingredients Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(
            parse_inci("Active Ingredients: Zinc Oxide 20%. Inactive Ingredients: Water, Glycerin"),
            ["Zinc Oxide 20%", "Water", "Glycerin"]
        );
        assert_eq!(
            parse_inci("Active ingredient: Zinc Oxide 20% Inactive ingredients: Water"),
            ["Zinc Oxide 20%", "Water"]
        );
        assert_eq!(
            parse_inci(
                "Drug Facts\nActive ingredient Purpose\nSalicylic Acid 2% ........ Acne treatment"
            ),
            ["Salicylic Acid 2%", "Acne treatment"]
        );
    }

    #[test]
    fn keeps_commas_inside_parentheses_and_between_digits() {
        assert_eq!(
            parse_inci("Zinc Oxide (20%, non-nano), 1,2-Hexanediol, Retinol 0,3%"),
            [
                "Zinc Oxide (20%, non-nano)",
                "1,2-Hexanediol",
                "Retinol 0,3%"
            ]
        );
        // An unclosed parenthesis protects nothing.
        assert_eq!(
            parse_inci("Parfum (Fragrance, Linalool, Glycerin"),
            ["Parfum (Fragrance", "Linalool", "Glycerin"]
        );
        // …and never runs past a line break.
        assert_eq!(
            parse_inci("Aqua (Water\nGlycerin"),
            ["Aqua (Water", "Glycerin"]
        );
    }

    #[test]
    fn decimals_stay_whole_and_periods_end_names() {
        assert_eq!(
            parse_inci("Retinol 0.5%. Squalane. Tocopherol."),
            ["Retinol 0.5%", "Squalane", "Tocopherol"]
        );
    }

    #[test]
    fn splits_and_blends() {
        assert_eq!(
            parse_inci("Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate"),
            ["Dimethyl Isosorbide", "Hydroxypinacolone Retinoate"]
        );
        assert_eq!(classes("Mica (AND) Titanium Dioxide"), [SunscreenFilter]);
    }

    #[test]
    fn footnotes_and_markers_are_dropped() {
        assert_eq!(
            parse_inci("Aloe Barbadensis Leaf Juice*, Glycerin**, Tocopherol¹. *Certified organic ingredients"),
            ["Aloe Barbadensis Leaf Juice", "Glycerin", "Tocopherol"]
        );
        assert_eq!(parse_inci("*from organic farming"), Vec::<String>::new());
        assert_eq!(parse_inci("- Water\n- Glycerin\n"), ["Water", "Glycerin"]);
    }

    #[test]
    fn may_contain_tail_is_parsed_and_marks_pigments() {
        let text = "Talc, Mica, Parfum. [+/- May Contain: CI 77891, CI 77491, Titanium Dioxide]";
        assert_eq!(
            parse_inci(text),
            [
                "Talc",
                "Mica",
                "Parfum",
                "CI 77891",
                "CI 77491",
                "Titanium Dioxide"
            ]
        );
        // Titanium dioxide as a shade pigment is not a UV filter.
        assert_eq!(classes(text), [Fragrance]);
        assert_eq!(
            classes("Mica, May contain (+/-): Titanium Dioxide"),
            Vec::new()
        );
        assert_eq!(classes("Titanium Dioxide (CI 77891)"), Vec::new());
        assert_eq!(classes("Titanium Dioxide [Nano]"), [SunscreenFilter]);
    }

    #[test]
    fn free_from_claims_are_not_ingredients() {
        assert_eq!(classes("Fragrance-free. Water, Glycerin"), Vec::new());
        assert_eq!(
            parse_inci("Free from: parabens, fragrance, retinol. Ingredients: Water, Glycerin"),
            ["Water", "Glycerin"]
        );
        assert_eq!(classes("Formulated without parfum, Water"), Vec::new());
        assert_eq!(
            classes("Water, Linalool\nFree from: parabens\nSalicylic Acid"),
            [ExfoliatingAcid, Fragrance]
        );
    }

    #[test]
    fn normalise_makes_spellings_agree() {
        assert_eq!(normalise("Sh-Oligopeptide-1"), "sh oligopeptide 1");
        assert_eq!(normalise("  SALICYLIC   acid 2%  "), "salicylic acid");
        assert_eq!(normalise("Salicylic Acid 2 % w/w"), "salicylic acid");
        assert_eq!(normalise("0.5% Retinol"), "retinol");
        assert_eq!(normalise("Retinol (0,5 %)"), "retinol");
        assert_eq!(normalise("Water / Aqua / Eau"), "water/aqua/eau");
        assert_eq!(normalise("Benzophenone–3"), "benzophenone 3");
        assert_eq!(normalise("1,2-Hexanediol"), "1,2 hexanediol");
        assert_eq!(normalise("Tinosorb® S"), "tinosorb s");
        assert_eq!(normalise("Benzoyl Peroxide 2.5% USP"), "benzoyl peroxide");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn parentheses_and_slashes_are_alternatives() {
        assert_eq!(classes("Aqua (Water), Parfum (Fragrance)"), [Fragrance]);
        assert_eq!(classes("Fragrance (Parfum)"), [Fragrance]);
        assert_eq!(classes("Parfum/Fragrance"), [Fragrance]);
        assert_eq!(classes("Water/Aqua/Eau"), Vec::new());
        assert_eq!(
            classes("Salix Alba (Willow) Bark Extract"),
            [ExfoliatingAcid]
        );
        assert_eq!(
            classes("Butyl Methoxydibenzoylmethane (Avobenzone) 3%"),
            [SunscreenFilter]
        );
        assert_eq!(classes("Vitamin A (Retinol)"), [Retinoid]);
        assert_eq!(classes("Ascorbic Acid (10%)"), [VitaminC]);
        assert_eq!(classes("Sodium Hyaluronate (Hyaluronic Acid)"), [Hydrating]);
    }

    #[test]
    fn salicylates_are_not_all_bha() {
        assert_eq!(classes("Salicylic Acid 2%"), [ExfoliatingAcid]);
        assert_eq!(classes("Betaine Salicylate"), [ExfoliatingAcid]);
        assert_eq!(classes("Ethylhexyl Salicylate"), [SunscreenFilter]);
        assert_eq!(classes("Octisalate 5%"), [SunscreenFilter]);
        assert_eq!(classes("Benzyl Salicylate"), [Fragrance]);
        assert_eq!(
            classes("Butyloctyl Salicylate, Tridecyl Salicylate"),
            Vec::new()
        );
        // GUIDANCE §3 "salts do not hide an acid": sodium salicylate was left out as a
        // preservative before; salicylic acid is flagged at preservative levels too.
        assert_eq!(classes("Sodium Salicylate"), [ExfoliatingAcid]);
    }

    #[test]
    fn acid_look_alikes() {
        assert_eq!(classes("Lactobacillus Ferment, Sodium Lactate"), Vec::new());
        assert_eq!(classes("Lactic Acid"), [ExfoliatingAcid]);
        assert_eq!(classes("Maleic Acid"), Vec::new());
        assert_eq!(classes("Malic Acid"), [ExfoliatingAcid]);
        assert_eq!(classes("Citric Acid, Sodium Citrate"), Vec::new());
        assert_eq!(classes("Glycolic Acid Ethoxylate Lauryl Ether"), Vec::new());
        // GUIDANCE §3 "salts do not hide an acid" (this used to be unflagged).
        assert_eq!(classes("Sodium Glycolate"), [ExfoliatingAcid]);
        assert_eq!(classes("Glycolic Acid 7%"), [ExfoliatingAcid]);
        assert_eq!(classes("Capryloyl Salicylic Acid"), [ExfoliatingAcid]);
    }

    #[test]
    fn vitamins_and_retinoid_look_alikes() {
        assert_eq!(classes("Tocopherol, Tocopheryl Acetate"), Vec::new());
        assert_eq!(classes("Beta-Carotene, Rosa Canina Fruit Oil"), Vec::new());
        // GUIDANCE §3: bakuchiol pauses with the retinoids (it used to be left out).
        assert_eq!(classes("Bakuchiol"), [Retinoid]);
        assert_eq!(classes("Retinyl Palmitate"), [Retinoid]);
        assert_eq!(classes("Hydroxypinacolone Retinoate"), [Retinoid]);
        assert_eq!(classes("Retinaldehyde 0.1%"), [Retinoid]);
        assert_eq!(classes("Tretinoin 0.025%"), [Retinoid]);
        assert_eq!(classes("Sodium Ascorbyl Phosphate"), [VitaminC]);
        assert_eq!(classes("3-O-Ethyl Ascorbic Acid"), [VitaminC]);
        assert_eq!(classes("Tetrahexyldecyl Ascorbate"), [VitaminC]);
        assert_eq!(classes("Sodium Erythorbate, Isoascorbic Acid"), Vec::new());
    }

    #[test]
    fn fragrance_allergens_but_not_benzyl_alcohol() {
        assert_eq!(classes("Benzyl Alcohol, Phenoxyethanol"), Vec::new());
        assert_eq!(classes("Linalool"), [Fragrance]);
        assert_eq!(classes("d-Limonene"), [Fragrance]);
        assert_eq!(classes("Alpha-Isomethyl Ionone"), [Fragrance]);
        assert_eq!(classes("Aroma"), [Fragrance]);
        assert_eq!(
            classes("Lavandula Angustifolia (Lavender) Oil"),
            [Fragrance]
        );
        assert_eq!(classes("Rosa Damascena Flower Oil"), [Fragrance]);
        assert_eq!(
            classes("Citrus Aurantium Dulcis (Orange) Fruit/Peel Oil"),
            [Fragrance]
        );
        assert_eq!(
            classes("Salvia Hispanica Seed Oil, Citrus Limon Fruit Extract"),
            Vec::new()
        );
    }

    #[test]
    fn peptides_and_growth_factors() {
        assert_eq!(classes("Palmitoyl Tripeptide-1"), [Peptide]);
        assert_eq!(classes("Copper Tripeptide-1"), [Peptide]);
        assert_eq!(classes("sh-Oligopeptide-1 (EGF)"), [GrowthFactor]);
        assert_eq!(
            classes("Human Fibroblast Conditioned Media"),
            [GrowthFactor]
        );
        assert_eq!(classes("sh-Pentapeptide-19"), [Peptide]);
    }

    #[test]
    fn scrubs_but_not_emollient_beads() {
        assert_eq!(classes("Juglans Regia (Walnut) Shell Powder"), [Scrub]);
        assert_eq!(classes("Prunus Armeniaca (Apricot) Seed Powder"), [Scrub]);
        assert_eq!(classes("Pumice"), [Scrub]);
        assert_eq!(
            classes("Jojoba Esters, Silica, Polyethylene, Sucrose"),
            Vec::new()
        );
    }

    #[test]
    fn matches_say_why_and_are_not_repeated() {
        let c = classify("Parfum, Linalool, Parfum");
        assert_eq!(
            c.ingredients_in(Fragrance).collect::<Vec<_>>(),
            ["Parfum", "Linalool"]
        );
        assert!(c.has(Fragrance));
        assert!(!c.is_unclassified());
    }

    #[test]
    fn empty_and_junk_input_is_unclassified() {
        for text in [
            "",
            "   ",
            ",,,;;\n\n",
            "Ingredients:",
            "2%",
            "See packaging",
        ] {
            assert!(classify(text).is_unclassified(), "{text:?}");
        }
    }

    #[test]
    fn odd_unicode_does_not_panic() {
        let text = "Ingrédients : Eau (Aqua), Glycérine, Parfum (Fragrance)… ÇA, ß, 😀, İ(, )), ((";
        let c = classify(text);
        assert!(c.has(Fragrance));
        let _ = parse_inci("ﬁ,İ,ǅ,(((,))),%%%,/,///,1,2,.,.5");
    }
    fn unknown(inci: &str) -> Vec<String> {
        classify(inci).unrecognised
    }

    // GUIDANCE §3, "Classes, as labels write them": "free" negates only the class it names.
    #[test]
    fn free_negates_only_the_class_it_names() {
        assert_eq!(classes("Fragrance-Free"), Vec::new());
        assert_eq!(classes("Fragrance Free, Water"), Vec::new());
        assert_eq!(classes("Phthalate-Free Fragrance"), [Fragrance]);
        assert_eq!(classes("Fragrance (Phthalate-Free)"), [Fragrance]);
        assert_eq!(classes("Paraben-Free"), Vec::new());
        assert_eq!(classes("Paraben-free, Retinol"), [Retinoid]);
        assert_eq!(classes("Essential Oil-Free, Linalool"), [Fragrance]);
        assert_eq!(classes("No fragrance, Glycerin"), Vec::new());
        assert_eq!(classes("0% Fragrance, Glycerin"), Vec::new());
        // A claim is not an ingredient: it is neither listed nor unrecognised.
        assert_eq!(parse_inci("Paraben-Free, Water"), ["Water"]);
        let c = classify("Fragrance-free, paraben-free. Water, Glycerin");
        assert_eq!(c.unrecognised, Vec::<String>::new());
        assert_eq!(c.ingredient_count, 2);
        assert!(c.fully_recognised());
        // A lone claim is an empty list, not a fully recognised product.
        assert!(!classify("Fragrance-Free").fully_recognised());
    }

    // GUIDANCE §3, "Classes, as labels write them": isomer prefixes do not hide an acid.
    #[test]
    fn isomer_prefixes_do_not_hide_an_acid() {
        for name in [
            "L-Lactic Acid",
            "D-Lactic Acid",
            "DL-Lactic Acid",
            "L(+)-Lactic Acid",
            "DL-Mandelic Acid",
            "L-Malic Acid",
            "DL-Malic Acid",
            "L-Tartaric Acid",
            "D-Gluconolactone",
            "Sodium DL-Mandelate",
        ] {
            assert_eq!(classes(name), [ExfoliatingAcid], "{name}");
            assert_eq!(unknown(name), Vec::<String>::new(), "{name}");
        }
        // The prefix is also dropped for benign names, and nothing else starts to match.
        assert_eq!(
            unknown("L-Proline, D-Panthenol, DL-Panthenol"),
            Vec::<String>::new()
        );
        assert_eq!(classes("L-Proline, D-Panthenol"), Vec::new());
        assert_eq!(classes("L-Ascorbic Acid"), [VitaminC]);
    }

    // GUIDANCE §3, "Classes, as labels write them": salts do not hide an acid.
    #[test]
    fn salts_do_not_hide_an_acid() {
        for name in [
            "Sodium Glycolate",
            "Potassium Glycolate",
            "Ammonium Glycolate",
            "Sodium Mandelate",
            "Sodium Malate",
            "Potassium Sodium Tartrate",
            "Sodium Lactobionate",
            "Magnesium Salicylate",
            "Disodium Azelate",
            "Salicylic Acid Sodium Salt",
            "Glycolic Acid Potassium Salt",
        ] {
            assert_eq!(classes(name), [ExfoliatingAcid], "{name}");
        }
        // Lactates stay humectants (module decision), except ammonium lactate.
        assert_eq!(classes("Sodium Lactate"), Vec::new());
        assert_eq!(classes("Ammonium Lactate"), [ExfoliatingAcid]);
        assert_eq!(classes("Sodium Lauroyl Lactylate"), Vec::new());
        // Esters are not salts.
        assert_eq!(classes("Tridecyl Salicylate"), Vec::new());
        assert_eq!(classes("Trolamine Salicylate"), [SunscreenFilter]);
        assert_eq!(classes("Sodium Citrate, Sodium Benzoate"), Vec::new());
    }

    // GUIDANCE §3, "Classes, as labels write them": azelaic acid and the enzyme exfoliants
    // pause with the exfoliating acids; bakuchiol and hydroquinone with the retinoids.
    #[test]
    fn azelaic_enzymes_bakuchiol_and_hydroquinone() {
        for name in [
            "Azelaic Acid",
            "Azelaic Acid 15%",
            "Potassium Azeloyl Diglycinate",
            "Azeloglicina",
            "Papain",
            "Bromelain",
            "Subtilisin",
            "AHA",
            "BHA (Salicylic Acid)",
            "Polyhydroxy Acids",
        ] {
            assert_eq!(classes(name), [ExfoliatingAcid], "{name}");
        }
        assert_eq!(classes("Carica Papaya (Papaya) Fruit Extract"), Vec::new());
        assert_eq!(
            classes("Ananas Sativus (Pineapple) Fruit Extract"),
            Vec::new()
        );
        assert_eq!(classes("Bakuchiol"), [Retinoid]);
        assert_eq!(classes("Hydroquinone 2%"), [Retinoid]);
        assert_eq!(classes("Arbutin"), Vec::new());
    }

    // GUIDANCE §3, "Classes, as labels write them": essential oils by genus, common name,
    // Rosa without a carrier part, or as a blend.
    #[test]
    fn essential_oils_however_written() {
        for name in [
            "Lavandula Angustifolia Oil",
            "Lavender Oil",
            "Tea Tree Oil",
            "Peppermint Oil",
            "Rose Oil",
            "Rosa Damascena Oil",
            "Rosa Centifolia Flower Oil",
            "Eucalyptus Oil",
            "Sweet Orange Oil",
            "Lemon Peel Oil",
            "Ylang Ylang Oil",
            "Clove Bud Oil",
            "Lemon Balm Oil",
            "Essential Oils",
            "Blend of Essential Oils",
            "Essential Oil Blend",
            "Organic Essential Oils (Lavender, Rosemary)",
            "Lavender and Rosemary Oils",
            "Leptospermum Scoparium Branch/Leaf Oil",
        ] {
            assert_eq!(classes(name), [Fragrance], "{name}");
        }
        for carrier in [
            "Rosa Canina Fruit Oil",
            "Rosa Rubiginosa Seed Oil",
            "Rosa Canina Oil",
            "Rose Hip Oil",
            "Rosehip Oil",
            "Mineral Oil",
            "Sweet Almond Oil",
            "Coconut Oil",
            "Salvia Hispanica Seed Oil",
            "Citrus Paradisi Seed Oil",
            "Lemon Seed Oil",
            "Jojoba Oil",
            "Tea Seed Oil",
        ] {
            assert_eq!(classes(carrier), Vec::new(), "{carrier}");
        }
    }

    #[test]
    fn unknown_names_are_listed_once_in_order() {
        let c = classify("Water, Zorbium Extract, Glycerin, Quixil (Unobtanium), Zorbium Extract");
        assert_eq!(c.unrecognised, ["Zorbium Extract", "Quixil (Unobtanium)"]);
        assert_eq!(c.ingredient_count, 5);
        assert!(!c.fully_recognised());
        assert!(c.is_unclassified());
        // One hyaluronate and one unknown: hydrating, but not fully recognised.
        let c = classify("Sodium Hyaluronate, Zorbium Extract");
        assert_eq!(c.classes.iter().copied().collect::<Vec<_>>(), [Hydrating]);
        assert!(!c.fully_recognised());
        // Classified names count as recognised, pigments too.
        let c = classify("Retinol, Titanium Dioxide (CI 77891), Iron Oxides (CI 77491)");
        assert!(c.fully_recognised(), "{:?}", c.unrecognised);
        // Parenthesised and slash alternatives are the same ingredient.
        assert!(
            classify("Aqua/Water/Eau, Aloe Vera (Aloe Barbadensis Leaf Juice)").fully_recognised()
        );
        // …but a known name does not vouch for an unknown one beside it.
        assert_eq!(
            unknown("Glycerin/Zorbium Copolymer"),
            ["Glycerin/Zorbium Copolymer"]
        );
        // Grade numbers, "and" pairs and US spellings.
        assert!(classify("Carbomer 940, Sorbic Acid and BHT, Edetate Disodium").fully_recognised());
        assert_eq!(unknown("Carbomer Zorbium"), ["Carbomer Zorbium"]);
        // Drug-facts purposes and headings are not ingredients.
        let c = classify("Active ingredient: Petrolatum 41%\nPurpose: Skin protectant\nInactive ingredients: None");
        assert_eq!(c.unrecognised, Vec::<String>::new());
        assert_eq!(c.ingredient_count, 1);
        assert!(!classify("").fully_recognised());
    }

    #[test]
    fn old_json_without_the_new_fields_still_reads() {
        let c: Classification =
            serde_json::from_str(r#"{"classes":["hydrating"],"matches":[]}"#).unwrap();
        assert!(c.unrecognised.is_empty());
        assert!(!c.fully_recognised());
        let json = serde_json::to_string(&classify("Water, Zorbium")).unwrap();
        assert!(json.contains(r#""unrecognised":["Zorbium"]"#), "{json}");
        assert!(json.contains(r#""ingredientCount":2"#), "{json}");
    }

    #[test]
    fn benign_vocabulary_is_well_formed_and_in_no_class() {
        const FUNCTIONS: &[&str] = &[
            "absorbent",
            "antioxidant",
            "antistatic",
            "binding",
            "buffering",
            "bulking",
            "chelating",
            "cleansing",
            "colorant",
            "emollient",
            "emulsifying",
            "emulsion stabilising",
            "film forming",
            "humectant",
            "opacifying",
            "preservative",
            "propellant",
            "skin conditioning",
            "skin protecting",
            "solvent",
            "soothing",
            "viscosity controlling",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (name, function) in benign_rows() {
            assert!(
                FUNCTIONS.contains(&function),
                "{name}: function {function:?}"
            );
            let key = benign_key(name);
            assert!(!key.is_empty(), "{name}");
            assert!(seen.insert(key.clone()), "{name} is listed twice");
            // Nothing a class matches, directly or through a rule: the vocabulary must never
            // vouch for something GUIDANCE pauses (or recognise a class a second way).
            assert!(
                key_classes(&key).is_empty(),
                "{name} is in {:?}",
                key_classes(&key)
            );
            assert!(table_class(&key).is_none(), "{name} is in the table");
            assert!(!is_claim(name), "{name}");
        }
        assert_eq!(seen.len(), benign_vocabulary_len());
        assert!(
            benign_vocabulary_len() >= 500,
            "{}",
            benign_vocabulary_len()
        );
        for name in [
            "Citric Acid",
            "Sodium Lactate",
            "Glycerin",
            "Phenoxyethanol",
        ] {
            assert!(is_benign(&benign_key(name)), "{name}");
        }
        for name in [
            "Alcohol Denat",
            "Methylisothiazolinone",
            "Sodium Lauryl Sulfate",
            "Protease",
            "Sodium Gluconate",
        ] {
            assert!(!is_benign(&benign_key(name)), "{name}");
        }
    }

    #[test]
    fn lookup_tables_are_sorted() {
        for list in [
            SALT_CATIONS,
            PAUSED_ACID_ANIONS,
            ESSENTIAL_OIL_NAMES,
            PLANT_PARTS,
            LABEL_TEXT_WORDS,
        ] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
            }
        }
    }
}
