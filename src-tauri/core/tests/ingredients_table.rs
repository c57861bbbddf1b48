//! Hand-written ingredient lists in the style of real labels, each with the exact set of
//! classes it must get. Sets are compared for equality, so a wrong extra class fails as
//! surely as a missing one.
//!
//! `CASES` are the original table; `LABEL_CASES` cover GUIDANCE §3 "Classes, as labels
//! write them" (isomer prefixes, salts, azelaic acid and enzymes, bakuchiol and
//! hydroquinone, essential oils however written, "free" claims) as labels print them;
//! `PLAIN_LABELS` are real labels of plain products that must be fully recognised, so that
//! GUIDANCE §3 can suggest them after a session.

use std::collections::BTreeSet;

use needlewise_core::ingredients::IngredientClass::{self, *};
use needlewise_core::ingredients::{classify, parse_inci, Classification};
use proptest::prelude::*;

struct Case {
    name: &'static str,
    inci: &'static str,
    expect: &'static [IngredientClass],
}

const CASES: &[Case] = &[
    // --- Retinoids -------------------------------------------------------------------
    Case {
        name: "water-based retinol serum",
        inci: "Aqua (Water), Glycerin, Dimethicone, Propanediol, Retinol, Polysorbate 20, \
               Tocopherol, Sodium Hyaluronate, Ceramide NP, Carbomer, Sodium Hydroxide, \
               Phenoxyethanol, Ethylhexylglycerin, Disodium EDTA",
        expect: &[Retinoid, Hydrating],
    },
    Case {
        name: "retinol 0.5% in squalane with ascorbyl palmitate as antioxidant",
        inci: "Squalane, Caprylic/Capric Triglyceride, Retinol 0.5%, Solanum Lycopersicum \
               (Tomato) Fruit Extract, Rosmarinus Officinalis (Rosemary) Leaf Extract, \
               Hydroxymethoxyphenyl Decanone, Jojoba Oil/Macadamia Seed Oil Esters, Squalene, \
               Phytosteryl Macadamiate, Tocopherol, Ascorbyl Palmitate",
        expect: &[Retinoid, VitaminC],
    },
    Case {
        name: "retinal night cream",
        inci: "Ingredients: Water, Caprylic/Capric Triglyceride, Glycerin, Cetearyl Alcohol, \
               Butyrospermum Parkii (Shea) Butter, Retinal, Niacinamide, Panthenol, Bisabolol, \
               Ceteareth-20, Xanthan Gum, Tocopheryl Acetate, Phenoxyethanol, Chlorphenesin.",
        expect: &[Retinoid],
    },
    Case {
        name: "hydroxypinacolone retinoate emulsion",
        inci: "Aqua (Water), Dimethyl Isosorbide, Squalane, Hydroxypinacolone Retinoate, \
               Glycerin, Polysorbate 20, Cetyl Alcohol, PEG-8 Dimethicone, Xanthan Gum, \
               Trisodium Ethylenediamine Disuccinate, Phenoxyethanol, Chlorphenesin",
        expect: &[Retinoid],
    },
    Case {
        name: "adapalene 0.1% gel, drug facts panel",
        inci: "Drug Facts\nActive ingredient\tPurpose\nAdapalene 0.1% (retinoid)\tAcne treatment\n\
               Inactive ingredients carbomer 940, edetate disodium, methylparaben, poloxamer 182, \
               propylene glycol, purified water, sodium hydroxide",
        expect: &[Retinoid],
    },
    Case {
        name: "retinyl palmitate eye cream with peptide",
        inci: "Water, Cyclopentasiloxane, Glycerin, Butylene Glycol, Retinyl Palmitate, Caffeine, \
               Acetyl Hexapeptide-8, Dimethicone Crosspolymer, Sodium Hyaluronate, Tocopheryl \
               Acetate, Carbomer, Triethanolamine, Phenoxyethanol",
        expect: &[Retinoid, Peptide, Hydrating],
    },
    Case {
        name: "adapalene and benzoyl peroxide gel",
        inci: "Active ingredients: Adapalene 0.3%, Benzoyl Peroxide 2.5%; Inactive ingredients: \
               Acrylamide/Sodium Acryloyldimethyltaurate Copolymer, Docusate Sodium, Edetate \
               Disodium, Glycerin, Isohexadecane, Poloxamer 124, Polysorbate 80, Propylene Glycol, \
               Purified Water, Sorbitan Oleate",
        expect: &[Retinoid, BenzoylPeroxide],
    },
    Case {
        // GUIDANCE §3: bakuchiol pauses with the retinoids (this case expected nothing before).
        name: "bakuchiol 'retinol alternative' serum",
        inci: "Squalane, Bakuchiol, Simmondsia Chinensis (Jojoba) Seed Oil, Rosa Canina Fruit \
               Oil, Tocopherol, Helianthus Annuus (Sunflower) Seed Oil",
        expect: &[Retinoid],
    },
    // --- Exfoliating acids -----------------------------------------------------------
    Case {
        name: "glycolic acid 7% toner",
        inci: "Aqua (Water), Glycolic Acid, Rosa Damascena Flower Water, Hamamelis Virginiana \
               (Witch Hazel) Water, Glycerin, Aloe Barbadensis Leaf Water, Sodium Hydroxide, \
               Panax Ginseng Root Extract, Tasmannia Lanceolata Fruit/Leaf Extract, Aminomethyl \
               Propanol, Hexylene Glycol, Fragrance (Parfum), Polysorbate 20, Phenoxyethanol, \
               Benzyl Alcohol, Sodium Benzoate",
        expect: &[ExfoliatingAcid, Fragrance],
    },
    Case {
        name: "lactic acid 10% serum",
        inci: "Lactic Acid, Aqua (Water), Sodium Hydroxide, Glycerin, Pentylene Glycol, \
               Propanediol, Xanthan Gum, Tasmannia Lanceolata Fruit/Leaf Extract, Sodium \
               Hyaluronate Crosspolymer, Isoceteth-20, Ethylhexylglycerin, 1,2-Hexanediol, \
               Caprylyl Glycol",
        expect: &[ExfoliatingAcid, Hydrating],
    },
    Case {
        name: "mandelic acid serum",
        inci: "Aqua, Ethoxydiglycol, Mandelic Acid 10%, Propanediol, Sodium Hydroxide, Glycerin, \
               Hydroxyethylcellulose, Citric Acid, Phenoxyethanol, Ethylhexylglycerin",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "AHA 30% + BHA 2% peeling solution",
        inci: "Glycolic Acid, Aqua (Water), Aloe Barbadensis Leaf Water, Sodium Hydroxide, \
               Daucus Carota Sativa Extract, Propanediol, Cocamidopropyl Dimethylamine, \
               Salicylic Acid, Lactic Acid, Tartaric Acid, Citric Acid, Panthenol, Sodium \
               Hyaluronate Crosspolymer, Tasmannia Lanceolata Fruit/Leaf Extract, Camellia \
               Oleifera Leaf Extract, Potassium Azeloyl Diglycinate, Potassium Citrate, \
               Bakuchiol, Pentylene Glycol, Xanthan Gum, Polysorbate 60, Trisodium \
               Ethylenediamine Disuccinate, Acacia Senegal Gum, Ethylhexylglycerin, \
               Phenoxyethanol",
        // Bakuchiol now pauses with the retinoids (GUIDANCE §3).
        expect: &[ExfoliatingAcid, Hydrating, Retinoid],
    },
    Case {
        name: "2% BHA leave-on liquid",
        inci: "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20, \
               Camellia Oleifera Leaf Extract, Sodium Hydroxide, Tetrasodium EDTA",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "betaine salicylate toner",
        inci: "Water, Butylene Glycol, Betaine Salicylate, Niacinamide, 1,2-Hexanediol, \
               Salix Alba (Willow) Bark Water, Arginine, Sodium Hyaluronate, Panthenol, \
               Allantoin, Ethylhexylglycerin",
        expect: &[ExfoliatingAcid, Hydrating],
    },
    Case {
        name: "'natural BHA' willow bark toner with organic footnote",
        inci: "Aqua, Salix Nigra (Willow) Bark Extract, Glycerin, Aloe Barbadensis Leaf Juice*, \
               Hamamelis Virginiana Water, Sodium Benzoate, Potassium Sorbate. *organic",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "PHA toner",
        inci: "Water, Gluconolactone, Glycerin, Lactobionic Acid, Sodium Hydroxide, Panthenol, \
               Allantoin, Centella Asiatica Extract, Butylene Glycol, 1,2-Hexanediol, \
               Ethylhexylglycerin",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "12% ammonium lactate body lotion",
        inci: "Water, Ammonium Lactate, Light Mineral Oil, Glyceryl Stearate, PEG-100 Stearate, \
               Propylene Glycol, Cetyl Alcohol, Magnesium Aluminum Silicate, Laureth-4, \
               Methylcellulose, Methylparaben, Propylparaben",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "tea tree spot gel with salicylic acid",
        inci: "Aqua, Alcohol Denat., Melaleuca Alternifolia (Tea Tree) Leaf Oil, Salicylic Acid, \
               Glycerin, Hydroxyethylcellulose, Sodium Hydroxide, Limonene",
        expect: &[Fragrance, ExfoliatingAcid],
    },
    // --- Benzoyl peroxide ------------------------------------------------------------
    Case {
        name: "benzoyl peroxide 10% wash, drug facts",
        inci: "Active Ingredient: Benzoyl Peroxide 10%. Inactive Ingredients: Water, Sodium \
               Cocoyl Isethionate, Glycerin, Sodium Methyl Cocoyl Taurate, Cocamidopropyl \
               Betaine, Hydroxyethylcellulose, Carbomer, Sodium Hydroxide, Xanthan Gum",
        expect: &[BenzoylPeroxide],
    },
    Case {
        name: "benzoyl peroxide 2.5% gel with ceramides",
        inci: "Active: Benzoyl Peroxide 2.5%\nInactive: Purified Water, Glycerin, Carbomer 980, \
               Niacinamide, Ceramide NP, Ceramide AP, Ceramide EOP, Sodium Hyaluronate, \
               Cholesterol, Phytosphingosine, Potassium Hydroxide, Sodium Lauroyl Lactylate, \
               Xanthan Gum",
        expect: &[BenzoylPeroxide, Hydrating],
    },
    // --- Scrubs ----------------------------------------------------------------------
    Case {
        name: "walnut shell face scrub with salicylic acid",
        inci: "Water, Juglans Regia (Walnut) Shell Powder, Glyceryl Stearate SE, Propylene \
               Glycol, Stearic Acid, Cetyl Alcohol, Zea Mays (Corn) Kernel Meal, Prunus \
               Armeniaca (Apricot) Fruit Extract, Salicylic Acid, Polysorbate 60, Fragrance, \
               Benzyl Salicylate",
        expect: &[Scrub, ExfoliatingAcid, Fragrance],
    },
    Case {
        name: "apricot seed powder polish",
        inci: "Aqua, Prunus Armeniaca (Apricot) Seed Powder, Glycerin, Kaolin, Cetearyl Alcohol, \
               Prunus Armeniaca (Apricot) Kernel Oil, Xanthan Gum, Sodium Benzoate",
        expect: &[Scrub],
    },
    Case {
        name: "coffee and sugar body scrub with orange oil",
        inci: "Sucrose, Coffea Arabica (Coffee) Seed Powder, Prunus Amygdalus Dulcis (Sweet \
               Almond) Oil, Cocos Nucifera (Coconut) Oil, Butyrospermum Parkii Butter, \
               Tocopherol, Citrus Aurantium Dulcis (Orange) Peel Oil, Limonene",
        expect: &[Scrub, Fragrance],
    },
    Case {
        name: "pumice and bamboo polishing cream",
        inci: "Water, Pumice, Glycerin, Kaolin, Cetearyl Alcohol, Bambusa Arundinacea Stem \
               Powder, Parfum, Linalool",
        expect: &[Scrub, Fragrance],
    },
    Case {
        name: "jojoba-ester bead shower gel (beads are not told apart)",
        inci: "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Jojoba Esters, \
               Acrylates Copolymer, Sodium Chloride, Parfum, Citric Acid, Sodium Benzoate, \
               CI 77289",
        expect: &[Fragrance],
    },
    // --- Vitamin C -------------------------------------------------------------------
    Case {
        name: "15% L-ascorbic acid serum with ferulic acid",
        inci: "Water, Ethoxydiglycol, Ascorbic Acid, Glycerin, Propylene Glycol, Laureth-23, \
               Tocopherol, Ferulic Acid, Panthenol, Triethanolamine, Sodium Hyaluronate, \
               Phenoxyethanol",
        expect: &[VitaminC, Hydrating],
    },
    Case {
        name: "sodium ascorbyl phosphate serum",
        inci: "Aqua, Sodium Ascorbyl Phosphate 10%, Glycerin, Propanediol, Niacinamide, \
               Xanthan Gum, Citric Acid, Sodium Citrate, Phenoxyethanol, Ethylhexylglycerin",
        expect: &[VitaminC],
    },
    Case {
        name: "tetrahexyldecyl ascorbate oil with bergamot",
        inci: "Caprylic/Capric Triglyceride, Tetrahexyldecyl Ascorbate, Squalane, Tocopherol, \
               Rosa Canina Fruit Oil, Citrus Aurantium Bergamia (Bergamot) Fruit Oil, \
               Limonene, Linalool",
        expect: &[VitaminC, Fragrance],
    },
    Case {
        name: "ethyl ascorbic acid brightening essence",
        inci: "Water, Butylene Glycol, 3-O-Ethyl Ascorbic Acid, Ascorbyl Glucoside, Niacinamide, \
               Hydrolyzed Hyaluronic Acid, Sodium Acetylated Hyaluronate, Panthenol, Arginine, \
               Carbomer, 1,2-Hexanediol, Disodium EDTA",
        expect: &[VitaminC, Hydrating],
    },
    Case {
        name: "magnesium ascorbyl phosphate cream with peptide",
        inci: "Aqua, Caprylic/Capric Triglyceride, Magnesium Ascorbyl Phosphate, Cetearyl \
               Olivate, Sorbitan Olivate, Glycerin, Ascorbyl Tetraisopalmitate, Palmitoyl \
               Pentapeptide-4, Tocopheryl Acetate, Dehydroacetic Acid, Benzyl Alcohol",
        expect: &[VitaminC, Peptide],
    },
    // --- Fragrance -------------------------------------------------------------------
    Case {
        name: "fragranced rich moisturiser, trilingual water",
        inci: "Aqua/Water/Eau, Glycerin, Cyclopentasiloxane, Butyrospermum Parkii (Shea) Butter, \
               Cetearyl Alcohol, Dimethicone, Parfum/Fragrance, Hexyl Cinnamal, Linalool, \
               Limonene, Citronellol, Alpha-Isomethyl Ionone, Benzyl Salicylate, Coumarin, \
               Geraniol, Tocopherol, Carbomer, Sodium Hydroxide, Phenoxyethanol, Methylparaben",
        expect: &[Fragrance],
    },
    Case {
        name: "lavender night balm with footnotes",
        inci: "Butyrospermum Parkii Butter*, Helianthus Annuus Seed Oil*, Cera Alba*, Lavandula \
               Angustifolia Oil*, Anthemis Nobilis Flower Oil, Tocopherol, Linalool**, \
               Limonene**, Geraniol**.\n*Organic\n**Naturally occurring in essential oils",
        expect: &[Fragrance],
    },
    Case {
        name: "flavoured lip balm",
        inci: "Ricinus Communis (Castor) Seed Oil, Cera Alba, Cocos Nucifera Oil, Aroma, Mentha \
               Piperita (Peppermint) Oil, Tocopherol, Limonene",
        expect: &[Fragrance],
    },
    Case {
        name: "French-labelled fragranced body milk",
        inci: "Ingrédients : Aqua/Water/Eau, Paraffinum Liquidum, Glycerin, Cetearyl Alcohol, \
               Parfum (Fragrance), Citral, Eugenol, Farnesol, Sodium Benzoate",
        expect: &[Fragrance],
    },
    Case {
        name: "cooling aloe after-sun gel, bullets",
        inci: "• Aloe Barbadensis Leaf Juice • Glycerin • Sodium Hyaluronate • Panthenol \
               • Allantoin • Menthol • Carbomer • Sodium Hydroxide",
        expect: &[Hydrating, Fragrance],
    },
    Case {
        name: "rosehip facial oil (carrier oils only)",
        inci: "Rosa Canina Fruit Oil, Simmondsia Chinensis (Jojoba) Seed Oil, Tocopherol, \
               Rosmarinus Officinalis (Rosemary) Leaf Extract",
        expect: &[],
    },
    // --- Hydrating, peptides, growth factors -----------------------------------------
    Case {
        name: "plain hyaluronic acid serum",
        inci: "Aqua (Water), Sodium Hyaluronate, Pentylene Glycol, Propanediol, Sodium \
               Hyaluronate Crosspolymer, Panthenol, Ahnfeltiopsis Concinna Extract, Glycerin, \
               Trisodium Ethylenediamine Disuccinate, Citric Acid, Isoceteth-20, Ethoxydiglycol, \
               Ethylhexylglycerin, Hexylene Glycol, 1,2-Hexanediol, Phenoxyethanol, Caprylyl \
               Glycol",
        expect: &[Hydrating],
    },
    Case {
        name: "multi-weight hyaluronic serum, one per line",
        inci: "INCI:\nWater\nGlycerin\nHyaluronic Acid\nHydrolyzed Hyaluronic Acid\nPotassium \
               Hyaluronate\nSodium Acetylated Hyaluronate\nHydroxypropyltrimonium Hyaluronate\n\
               Panthenol\nTrehalose\nPhenoxyethanol",
        expect: &[Hydrating],
    },
    Case {
        name: "copper peptide serum",
        inci: "Water, Glycerin, Copper Tripeptide-1, Butylene Glycol, Hydroxyethylcellulose, \
               Phenoxyethanol, Ethylhexylglycerin",
        expect: &[Peptide],
    },
    Case {
        name: "multi-peptide serum",
        inci: "Aqua, Glycerin, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, Acetyl \
               Hexapeptide-8, Palmitoyl Tripeptide-38, Dipeptide Diaminobutyroyl Benzylamide \
               Diacetate, Acetyl Octapeptide-3, Sodium Hyaluronate, Lecithin, Carbomer, \
               Polysorbate 20, Phenoxyethanol",
        expect: &[Peptide, Hydrating],
    },
    Case {
        name: "EGF ampoule",
        inci: "Water, Butylene Glycol, Glycerin, sh-Oligopeptide-1 (EGF), sh-Oligopeptide-2, \
               sh-Polypeptide-1, Sodium Hyaluronate, Acetyl Hexapeptide-8, Panthenol, Allantoin, \
               Carbomer, Arginine, 1,2-Hexanediol",
        expect: &[GrowthFactor, Hydrating, Peptide],
    },
    Case {
        name: "stem-cell conditioned media serum",
        inci: "Human Adipocyte Conditioned Media Extract, Water, Glycerin, Sodium Hyaluronate, \
               Butylene Glycol, Xanthan Gum, Phenoxyethanol",
        expect: &[GrowthFactor, Hydrating],
    },
    // --- Sunscreens ------------------------------------------------------------------
    Case {
        name: "mineral sunscreen SPF 30, drug facts on one line",
        inci: "Active Ingredients: Zinc Oxide 20%. Inactive Ingredients: Water, Caprylic/Capric \
               Triglyceride, Cyclopentasiloxane, Polyglyceryl-4 Isostearate, Cetyl PEG/PPG-10/1 \
               Dimethicone, Sodium Chloride, Tocopherol",
        expect: &[SunscreenFilter],
    },
    Case {
        name: "tinted mineral sunscreen with iron oxides",
        inci: "Active Ingredients: Titanium Dioxide 9.0%, Zinc Oxide 7.0%\nInactive Ingredients: \
               Cyclopentasiloxane, Water, Dimethicone, Butylene Glycol, Dimethicone Crosspolymer, \
               Sodium Chloride, Iron Oxides (CI 77491, CI 77492, CI 77499)",
        expect: &[SunscreenFilter],
    },
    Case {
        name: "EU chemical sunscreen, fragranced",
        inci: "Aqua, Homosalate, Ethylhexyl Salicylate, Butyl Methoxydibenzoylmethane, \
               Octocrylene, Glycerin, Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine, \
               Drometrizole Trisiloxane, Terephthalylidene Dicamphor Sulfonic Acid, Silica, \
               Triethanolamine, Tocopherol, Parfum",
        expect: &[SunscreenFilter, Fragrance],
    },
    Case {
        name: "US chemical sunscreen lotion, drug facts with dot leaders",
        inci: "Drug Facts\nActive ingredients Purpose\nAvobenzone 3% ........ Sunscreen\n\
               Homosalate 10% ........ Sunscreen\nOctisalate 5% ........ Sunscreen\n\
               Octocrylene 10% ........ Sunscreen\nInactive ingredients water, glycerin, \
               styrene/acrylates copolymer, silica, dimethicone, tocopherol",
        expect: &[SunscreenFilter],
    },
    Case {
        name: "Asian essence sunscreen with Tinosorb and Uvinul filters",
        inci: "Water, Ethylhexyl Methoxycinnamate, Diethylamino Hydroxybenzoyl Hexyl Benzoate, \
               Ethylhexyl Triazone, Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine, Methylene \
               Bis-Benzotriazolyl Tetramethylbutylphenol [Nano], Niacinamide, Alcohol, Sodium \
               Hyaluronate, Decyl Glucoside, Xanthan Gum",
        expect: &[SunscreenFilter, Hydrating],
    },
    Case {
        name: "SPF foundation with a may-contain shade tail",
        inci: "Aqua, Cyclopentasiloxane, Ethylhexyl Methoxycinnamate, Titanium Dioxide, Glycerin, \
               Talc, Dimethicone, Parfum, Phenoxyethanol. [+/- May Contain: CI 77891, CI 77491, \
               CI 77492, CI 77499]",
        expect: &[SunscreenFilter, Fragrance],
    },
    // --- Plain products that must stay unclassified ----------------------------------
    Case {
        name: "powder blush, titanium dioxide only as a shade pigment",
        inci: "Talc, Mica, Zinc Stearate, Dimethicone, Octyldodecyl Stearoyl Stearate, Caprylyl \
               Glycol, Ethylhexylglycerin. May Contain (+/-): Titanium Dioxide (CI 77891), Iron \
               Oxides (CI 77491, CI 77492, CI 77499), Carmine (CI 75470)",
        expect: &[],
    },
    Case {
        name: "gentle foaming cleanser",
        inci: "Aqua, Sodium Cocoyl Glycinate, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl \
               Sarcosinate, Acrylates Copolymer, Sodium Chloride, Citric Acid, Sodium Benzoate, \
               Potassium Sorbate, Disodium EDTA",
        expect: &[],
    },
    Case {
        name: "micellar water",
        inci: "Aqua, Hexylene Glycol, Glycerin, Poloxamer 184, Disodium Cocoamphodiacetate, \
               Disodium EDTA, Polyaminopropyl Biguanide",
        expect: &[],
    },
    Case {
        name: "cleansing balm with look-alike names",
        inci: "Caprylic/Capric Triglyceride; Cetyl Ethylhexanoate; PEG-20 Glyceryl \
               Triisostearate; Sodium Lactate; Lactobacillus Ferment; Tocopherol; Tocopheryl \
               Acetate",
        expect: &[],
    },
    Case {
        name: "10% niacinamide serum",
        inci: "Aqua (Water), Niacinamide, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, \
               Tamarindus Indica Seed Gum, Xanthan Gum, Isoceteth-20, Ethoxydiglycol, \
               Phenoxyethanol, Chlorphenesin",
        expect: &[],
    },
    Case {
        name: "hydrating toner with glycerin only",
        inci: "Water, Butylene Glycol, Glycerin, Betaine, Trehalose, Panthenol, Allantoin, \
               Centella Asiatica Extract, Madecassoside, Ceramide NP, Sodium Citrate, Citric \
               Acid, Ethylhexylglycerin, 1,2-Hexanediol",
        expect: &[],
    },
    Case {
        // GUIDANCE §3: azelaic acid pauses with the exfoliating acids (expected nothing before).
        name: "azelaic acid 10% suspension",
        inci: "Water, Isodecyl Neopentanoate, Dimethicone, Azelaic Acid, Dimethyl Isosorbide, \
               Polysilicone-11, Isohexadecane, Hydroxyethyl Acrylate/Sodium Acryloyldimethyl \
               Taurate Copolymer, Phenoxyethanol, Chlorphenesin",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "fragrance-free barrier cream with a claim line",
        inci: "Fragrance-free. Free from parabens, essential oils and retinol.\nIngredients: \
               Water, Glycerin, Petrolatum, Cetearyl Alcohol, Ceramide NP, Cholesterol, \
               Dimethicone, Phenoxyethanol",
        expect: &[],
    },
    // --- Everything at once ----------------------------------------------------------
    Case {
        name: "all-in-one anti-ageing night cream",
        inci: "Aqua, Glycerin, Caprylic/Capric Triglyceride, Retinol, Glycolic Acid, Ascorbyl \
               Glucoside, Sodium Hyaluronate, Palmitoyl Pentapeptide-4, Cetearyl Alcohol, \
               Parfum, Linalool, Phenoxyethanol",
        expect: &[
            Retinoid,
            ExfoliatingAcid,
            VitaminC,
            Hydrating,
            Peptide,
            Fragrance,
        ],
    },
];

/// GUIDANCE §3, "Classes, as labels write them": each form, as labels print it.
const LABEL_CASES: &[Case] = &[
    // --- Isomer prefixes do not hide an acid -------------------------------------------
    Case {
        name: "L-lactic acid 10% serum",
        inci: "Ingredients: Aqua (Water), L-Lactic Acid 10%, Sodium Hydroxide, Glycerin, \
               Propanediol, Xanthan Gum, Phenoxyethanol, Ethylhexylglycerin.",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "DL-mandelic acid toner in capitals",
        inci: "INGREDIENTS: WATER/AQUA/EAU, DL-MANDELIC ACID, BUTYLENE GLYCOL, SODIUM \
               HYDROXIDE, PANTHENOL, ALLANTOIN, 1,2-HEXANEDIOL",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "D-gluconolactone PHA essence with hyaluronate",
        inci: "Water, D-Gluconolactone (8%), Glycerin, Sodium Hydroxide, Trehalose, Sodium \
               Hyaluronate, Caprylyl Glycol",
        expect: &[ExfoliatingAcid, Hydrating],
    },
    Case {
        name: "pharmacy cream with L(+)-lactic acid",
        inci: "Ingredients: Aqua, Paraffinum Liquidum, Glycerin, L(+)-Lactic Acid 5%, Cetearyl \
               Alcohol, Sodium Hydroxide, Dimethicone",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "DL-malic acid lip polish",
        inci: "Sucrose, Ricinus Communis (Castor) Seed Oil, DL-Malic Acid, Cera Alba, \
               Tocopherol",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "L-tartaric acid gel, one per line",
        inci: "Ingredients:\nAqua\nGlycerin\nL-Tartaric Acid\nPotassium Hydroxide\nXanthan Gum",
        expect: &[ExfoliatingAcid],
    },
    // --- Salts do not hide an acid -----------------------------------------------------
    Case {
        name: "partially neutralised glycolic toner",
        inci: "Aqua, Glycolic Acid, Sodium Glycolate, Glycerin, Allantoin, Phenoxyethanol",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "buffered AHA listing only sodium glycolate",
        inci: "Water, Sodium Glycolate, Butylene Glycol, Panthenol, Disodium EDTA",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "potassium sodium tartrate gel",
        inci: "Ingredients: Aqua, Glycerin, Potassium Sodium Tartrate, Sodium Chloride",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "gel preserved with sodium salicylate",
        inci: "Aqua, Glycerin, Carbomer, Sodium Salicylate, Sodium Hydroxide",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "mandelic acid buffered with its sodium salt",
        inci: "Water, Mandelic Acid, Sodium Mandelate, Propanediol, Xanthan Gum",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "salicylic acid written as its sodium salt",
        inci: "Water, Salicylic Acid Sodium Salt 0.5%, Butylene Glycol",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "sodium lactate stays a humectant",
        inci: "Aqua, Glycerin, Sodium Lactate, Sodium PCA, Urea, Phenoxyethanol",
        expect: &[],
    },
    // --- Azelaic acid and enzyme exfoliants --------------------------------------------
    Case {
        name: "azelaic acid 15% gel, prescription-style panel",
        inci: "Active ingredient: Azelaic acid 15%\nInactive ingredients: benzoic acid, \
               disodium EDTA, lecithin, medium-chain triglycerides, polyacrylic acid, \
               polysorbate 80, propylene glycol, purified water, sodium hydroxide",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "potassium azeloyl diglycinate toner",
        inci: "Aqua, Potassium Azeloyl Diglycinate, Niacinamide, Glycerin, Panthenol",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "azeloglicina trade name with its INCI",
        inci: "Aqua, Azeloglicina (Potassium Azeloyl Diglycinate), Glycerin",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "papain and bromelain enzyme powder wash",
        inci: "Ingredients: Zea Mays (Corn) Starch, Sodium Cocoyl Isethionate, Papain, \
               Bromelain, Allantoin, Kaolin",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "pineapple mask with bromelain",
        inci: "Aqua, Kaolin, Glycerin, Ananas Sativus (Pineapple) Fruit Extract, Bromelain, \
               Xanthan Gum",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "subtilisin enzyme cleanser",
        inci: "Water, Sodium Lauroyl Sarcosinate, Subtilisin, Glycerin, Sodium Chloride",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "papaya fruit extract is not the enzyme",
        inci: "Aqua, Carica Papaya (Papaya) Fruit Extract, Glycerin, Aloe Barbadensis Leaf \
               Juice",
        expect: &[],
    },
    // --- Bakuchiol and hydroquinone pause with the retinoids ---------------------------
    Case {
        name: "bakuchiol 1% night oil",
        inci: "Squalane, Caprylic/Capric Triglyceride, Bakuchiol 1%, Tocopherol",
        expect: &[Retinoid],
    },
    Case {
        name: "hydroquinone 2% cream, drug facts with dot leaders",
        inci: "Drug Facts\nActive ingredient Purpose\nHydroquinone 2% ........ Skin lightener\n\
               Inactive ingredients: water, cetyl alcohol, glyceryl stearate, sodium \
               metabisulfite, methylparaben, propylparaben",
        expect: &[Retinoid],
    },
    Case {
        name: "hydroquinone with retinol",
        inci: "Aqua, Hydroquinone, Retinol, Glycerin",
        expect: &[Retinoid],
    },
    Case {
        name: "bakuchiol and hyaluronate serum",
        inci: "Water, Glycerin, Bakuchiol, Sodium Hyaluronate, Phenoxyethanol",
        expect: &[Retinoid, Hydrating],
    },
    // --- Essential oils however written -------------------------------------------------
    Case {
        name: "body butter with lavender oil by common name",
        inci: "Butyrospermum Parkii (Shea) Butter, Cocos Nucifera (Coconut) Oil, Lavender Oil, \
               Tocopherol",
        expect: &[Fragrance],
    },
    Case {
        name: "tea tree oil 5% spot gel",
        inci: "Aqua, Alcohol, Tea Tree Oil 5%, Glycerin",
        expect: &[Fragrance],
    },
    Case {
        name: "peppermint oil foot cream",
        inci: "Water, Glycerin, Urea, Peppermint Oil, Menthol",
        expect: &[Fragrance],
    },
    Case {
        name: "facial oil with Rosa Damascena Oil beside rosehip",
        inci: "Simmondsia Chinensis (Jojoba) Seed Oil, Rosa Canina Fruit Oil, Rosa Damascena \
               Oil, Tocopherol",
        expect: &[Fragrance],
    },
    Case {
        name: "pure rosehip seed oil is a carrier",
        inci: "100% Rosa Rubiginosa (Rosehip) Seed Oil",
        expect: &[],
    },
    Case {
        name: "eucalyptus chest balm",
        inci: "Petrolatum, Eucalyptus Oil, Camphor, Cera Alba",
        expect: &[Fragrance],
    },
    Case {
        name: "citrus oils soap bar",
        inci: "Sodium Cocoate, Aqua, Glycerin, Orange Oil, Lemon Oil, Bergamot Oil",
        expect: &[Fragrance],
    },
    Case {
        name: "ylang ylang and geranium hair oil",
        inci: "Argania Spinosa (Argan) Kernel Oil, Ylang Ylang Oil, Geranium Oil",
        expect: &[Fragrance],
    },
    Case {
        name: "rosemary and chamomile oil toner",
        inci: "Aqua, Glycerin, Rosemary Oil, Chamomile Oil",
        expect: &[Fragrance],
    },
    Case {
        name: "frankincense and sandalwood serum",
        inci: "Squalane, Frankincense Oil, Sandalwood Oil, Tocopherol",
        expect: &[Fragrance],
    },
    Case {
        name: "essential oil blend in a body oil",
        inci: "Ingredients: Prunus Amygdalus Dulcis (Sweet Almond) Oil, Essential Oil Blend, \
               Tocopherol",
        expect: &[Fragrance],
    },
    Case {
        name: "blend of essential oils with a footnote",
        inci: "Helianthus Annuus (Sunflower) Seed Oil, Blend of Essential Oils*, Vitamin E.\n\
               *Lavender, Geranium",
        expect: &[Fragrance],
    },
    Case {
        name: "essential oils listed in parentheses",
        inci: "Aqua, Glycerin, Essential Oils (Lavender, Tea Tree)",
        expect: &[Fragrance],
    },
    Case {
        name: "lavandula angustifolia oil by INCI genus",
        inci: "Lavandula Angustifolia Oil, Olea Europaea (Olive) Fruit Oil",
        expect: &[Fragrance],
    },
    Case {
        name: "French label with huiles essentielles",
        inci: "Ingrédients : Huile d'olive, Huiles essentielles, Cire d'abeille",
        expect: &[Fragrance],
    },
    // --- "free" negates only the class it names -----------------------------------------
    Case {
        name: "fragrance-free and paraben-free claim line",
        inci: "Fragrance-Free • Paraben-Free\nIngredients: Water, Glycerin, Cetearyl Alcohol",
        expect: &[],
    },
    Case {
        name: "phthalate-free fragrance is fragrance",
        inci: "Water, Glycerin, Phthalate-Free Fragrance, Phenoxyethanol",
        expect: &[Fragrance],
    },
    Case {
        name: "fragrance marked phthalate-free in parentheses",
        inci: "Aqua, Cetyl Alcohol, Fragrance (Phthalate-Free), Sodium Benzoate",
        expect: &[Fragrance],
    },
    Case {
        name: "paraben-free alone says nothing about retinol",
        inci: "Paraben-Free. Aqua, Retinol, Squalane",
        expect: &[Retinoid],
    },
    Case {
        name: "essential-oil-free claim beside an allergen",
        inci: "Essential Oil-Free; Aqua; Glycerin; Linalool",
        expect: &[Fragrance],
    },
    Case {
        name: "no added fragrance claim on a hyaluronic serum",
        inci: "No Added Fragrance. Water, Butylene Glycol, Sodium Hyaluronate",
        expect: &[Hydrating],
    },
    Case {
        name: "alcohol-free, fragrance-free toner in capitals",
        inci: "ALCOHOL-FREE, FRAGRANCE-FREE TONER. INGREDIENTS: WATER, GLYCERIN, NIACINAMIDE",
        expect: &[],
    },
    // --- Drug facts panels ---------------------------------------------------------------
    Case {
        name: "2% salicylic acid drug facts with panthenol and a salt",
        inci: "Drug Facts\nActive Ingredients Purpose\nSalicylic Acid 2% ........ Acne \
               Treatment\nInactive Ingredients: Water/Aqua/Eau, DL-Panthenol, Glycerin, Sodium \
               Glycolate",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "zinc diaper ointment with lavender oil, drug facts",
        inci: "Active ingredient: Zinc Oxide 13%\nPurpose: Skin protectant\nInactive \
               ingredients: Petrolatum, Lanolin, Lavender Oil, Cera Alba",
        expect: &[SunscreenFilter, Fragrance],
    },
    // --- Real labels that are not plain ---------------------------------------------------
    Case {
        // Cetaphil Moisturizing Cream for very dry/sensitive skin (an older US formula, as
        // ingredient sites list it): lactic acid as a pH adjuster still pauses it.
        name: "Cetaphil Moisturizing Cream (older formula) with lactic acid",
        inci: "Water, Glyceryl Polymethacrylate, Propylene Glycol, Petrolatum, Dicaprylyl \
               Ether, PEG-5 Glyceryl Stearate, Glycerin, Dimethiconol, Cetyl Alcohol, Prunus \
               Amygdalus Dulcis Oil, Acrylates/C10-30 Alkyl Acrylate Crosspolymer, Tocopheryl \
               Acetate, Phenoxyethanol, Benzyl Alcohol, Disodium EDTA, Sodium Hydroxide, Lactic \
               Acid",
        expect: &[ExfoliatingAcid],
    },
    Case {
        name: "NIVEA Creme (parfum and allergens)",
        inci: "Aqua, Paraffinum Liquidum, Cera Microcristallina, Glycerin, Lanolin Alcohol \
               (Eucerit), Paraffin, Panthenol, Magnesium Sulfate, Decyl Oleate, Octyldodecanol, \
               Aluminum Stearates, Citric Acid, Magnesium Stearate, Limonene, Geraniol, \
               Hydroxycitronellal, Linalool, Citronellol, Benzyl Benzoate, Parfum",
        expect: &[Fragrance],
    },
    Case {
        name: "First Aid Beauty Ultra Repair Cream (eucalyptus leaf oil)",
        inci: "Active: Colloidal Oatmeal 0.5%. Inactive: Water, Stearic Acid, Glycerin, C12-15 \
               Alkyl Benzoate, Caprylic/Capric Triglyceride, Glyceryl Stearate, Glyceryl \
               Stearate SE, Cetearyl Alcohol, Butyrospermum Parkii (Shea) Butter, Squalane, \
               Allantoin, Dimethicone, Xanthan Gum, Eucalyptus Globulus Leaf Oil, Chrysanthemum \
               Parthenium (Feverfew) Extract, Camellia Sinensis Leaf Extract, Glycyrrhiza \
               Glabra (Licorice) Root Extract, Ceramide 3, Caprylyl Glycol, Potassium \
               Hydroxide, Sodium Hydroxide, Phenoxyethanol, Disodium EDTA",
        expect: &[Fragrance],
    },
    Case {
        name: "CeraVe Healing Balm with ascorbyl palmitate, drug facts",
        inci: "Active ingredient: Dimethicone 1%\nPurpose: Skin protectant\nInactive \
               ingredients: paraffin, ethylhexyl palmitate, petrolatum, butyrospermum parkii \
               (shea) butter, ozokerite, euphorbia cerifera (candelilla) wax, cetyl alcohol, \
               glycerin, tocopheryl acetate, ceteareth-25, behenic acid, cholesterol, ceramide \
               1, ceramide 3, ceramide 6-II, ceramide EOS, ceramide NS, caprooyl \
               phytosphingosine, caprooyl sphingosine, ascorbyl palmitate, water, BHT, sodium \
               hyaluronate",
        expect: &[VitaminC, Hydrating],
    },
    Case {
        // Round Lab 1025 Dokdo Toner: no class, but "Protease" is not recognised (see
        // `an_enzyme_guidance_does_not_name_is_not_checked`).
        name: "Round Lab 1025 Dokdo Toner",
        inci: "Water, Butylene Glycol, Glycerin, Chondrus Crispus Extract, Saccharum \
               Officinarum Ferment Extract, Seawater, Protease, Betaine, Panthenol, \
               Ethylhexylglycerin, Allantoin, Disodium EDTA",
        expect: &[],
    },
];

/// A real label of a plain product: it must be fully recognised, with exactly `expect`.
struct Plain {
    product: &'static str,
    /// Where the list was taken from.
    source: &'static str,
    inci: &'static str,
    expect: &'static [IngredientClass],
}

/// Real, complete labels of plain hyaluronic serums, basic moisturisers, ointments and
/// gentle cleansers, written as they are printed. Formulas change: these are the versions
/// cited in `source`; "label as recalled" means the list was written from memory of the
/// printed label and could differ from a current pack in details.
const PLAIN_LABELS: &[Plain] = &[
    Plain {
        product: "The Ordinary Hyaluronic Acid 2% + B5",
        source: "brand INCI list (2017-2022 formula), as reviews quote it",
        inci: "Aqua (Water), Sodium Hyaluronate, Pentylene Glycol, Propanediol, Sodium \
               Hyaluronate Crosspolymer, Panthenol, Ahnfeltiopsis Concinna Extract, Glycerin, \
               Trisodium Ethylenediamine Disuccinate, Citric Acid, Isoceteth-20, Ethoxydiglycol, \
               Ethylhexylglycerin, Hexylene Glycol, 1,2-Hexanediol, Phenoxyethanol, Caprylyl \
               Glycol.",
        expect: &[Hydrating],
    },
    Plain {
        product: "The Ordinary Natural Moisturizing Factors + HA",
        source: "brand product page",
        inci: "Aqua (Water), Caprylic/Capric Triglyceride, Cetyl Alcohol, Propanediol, Stearyl \
               Alcohol, Glycerin, Sodium Hyaluronate, Arginine, Aspartic Acid, Glycine, Alanine, \
               Serine, Valine, Isoleucine, Proline, Threonine, Histidine, Phenylalanine, \
               Glucose, Maltose, Fructose, Trehalose, Sodium PCA, PCA, Sodium Lactate, Urea, \
               Allantoin, Linoleic Acid, Oleic Acid, Phytosteryl Canola Glycerides, Palmitic \
               Acid, Stearic Acid, Lecithin, Triolein, Tocopherol, Carbomer, Isoceteth-20, \
               Polysorbate 60, Sodium Chloride, Citric Acid, Trisodium Ethylenediamine \
               Disuccinate, Pentylene Glycol, Triethanolamine, Sodium Hydroxide, \
               Phenoxyethanol, Chlorphenesin.",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Moisturizing Cream",
        source: "US label as recalled",
        inci: "Ingredients: Purified Water, Glycerin, Cetearyl Alcohol, Caprylic/Capric \
               Triglyceride, Cetyl Alcohol, Ceteareth-20, Petrolatum, Potassium Phosphate, \
               Ceramide NP, Ceramide AP, Ceramide EOP, Carbomer, Dimethicone, Behentrimonium \
               Methosulfate, Sodium Lauroyl Lactylate, Sodium Hyaluronate, Cholesterol, \
               Phenoxyethanol, Disodium EDTA, Dipotassium Phosphate, Tocopherol, \
               Phytosphingosine, Xanthan Gum, Ethylhexylglycerin",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Hydrating Facial Cleanser (EU)",
        source: "EU label as quoted in a published composition analysis",
        inci: "Aqua/Water, Glycerin, Cetearyl Alcohol, Phenoxyethanol, Stearyl Alcohol, Cetyl \
               Alcohol, PEG-40 Stearate, Behentrimonium Methosulfate, Glyceryl Stearate, \
               Polysorbate 20, Ethylhexylglycerin, Potassium Phosphate, Disodium EDTA, \
               Dipotassium Phosphate, Sodium Lauroyl Lactylate, Ceramide NP, Ceramide AP, \
               Phytosphingosine, Cholesterol, Sodium Hyaluronate, Xanthan Gum, Carbomer, \
               Tocopherol, Ceramide EOP",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Baby Moisturizing Cream",
        source: "DailyMed drug label (Valeant, 2014)",
        inci: "Drug Facts\nActive ingredients\nDimethicone 1.2%\nPurpose\nSkin protectant\n\
               Inactive ingredients\nwater, glycerin, cetearyl alcohol, caprylic/capric \
               triglycerides, cetyl alcohol, ceteareth-20, petrolatum, ceramide 3, ceramide \
               6-II, ceramide 1, hyaluronic acid, cholesterol, phenoxyethanol, behentrimonium \
               methosulphate, potassium phosphate, dipotassium phosphate, ethylhexylglycerin, \
               sodium lauroyl lactylate, disodium EDTA, phytosphingosine, carbomer, xanthan \
               gum, sodium hydroxide",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Baby Moisturizing Lotion",
        source: "FDA drug label (L'Oréal USA, NDC 49967-190)",
        inci: "Active Ingredient: Dimethicone 1%\nPurpose: Skin protectant\nInactive \
               Ingredients: purified water, caprylic/capric triglyceride, cetostearyl alcohol, \
               cetyl alcohol, emulsifying wax, phenoxyethanol, niacinamide, ceramide 3, ceramide \
               6-II, ceramide 1, hyaluronic acid, allantoin, tocopheryl acetate, lauric acid, \
               zinc citrate, polyglyceryl-3 diisostearate, behentrimonium methosulfate, sodium \
               lauroyl lactylate, arginine PCA, potassium phosphate, dipotassium phosphate, \
               EDTA, sodium PCA, phytosphingosine, cholesterol, xanthan gum, carbomer, \
               ethylhexylglycerin",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Healing Ointment (Bausch Health label)",
        source: "DailyMed drug label, NDC 0187-1950",
        inci: "Drug Facts\nActive ingredients\nPetrolatum 46.5%\nPurpose\nSkin protectant \
               (ointment)\nInactive ingredients\nmineral oil, paraffin, ozokerite, dimethicone, \
               hyaluronic acid, sodium hydroxide, ceramide 1, ceramide 3,\nceramide 6-II, \
               tocopheryl acetate, phytosphingosine, cholesterol, sodium lauroyl lactylate, \
               carbomer, panthenol, water, L-proline, xanthan gum",
        expect: &[Hydrating],
    },
    Plain {
        product: "CeraVe Healing Ointment (L'Oréal label, 2023)",
        source: "DailyMed drug label, NDC 49967-500",
        inci: "Active ingredient: Petrolatum 46.5%\nPurpose: Skin protectant\nInactive \
               ingredients: mineral oil, paraffin, ozokerite, dimethicone, ceramide NP, ceramide \
               AP, ceramide EOP, carbomer, water, sodium lauroyl lactylate, proline, \
               cholesterol, phenoxyethanol, tocopheryl acetate, tocopherol, hydrolyzed \
               hyaluronic acid, panthenol, pantolactone, phytosphingosine, xanthan gum, \
               ethylhexylglycerin",
        expect: &[Hydrating],
    },
    Plain {
        product: "Aquaphor Healing Ointment",
        source: "DailyMed drug label (Beiersdorf formula, store-brand equivalent)",
        inci: "Active Ingredient: Petrolatum 41%. Purpose: Skin Protectant Ointment. Inactive \
               Ingredients: Mineral Oil, Ceresin, Lanolin Alcohol, Panthenol, Glycerin, \
               Bisabolol.",
        expect: &[],
    },
    Plain {
        product: "Aquaphor Original Ointment",
        source: "DailyMed drug label, NDC 10356-100",
        inci: "ACTIVE INGREDIENT\nPetrolatum 41%\nPURPOSE\nSkin Protectant Ointment\nINACTIVE \
               INGREDIENT\nMineral Oil, Ceresin, Lanolin Alcohol",
        expect: &[],
    },
    Plain {
        product: "Vaseline Original Healing Jelly",
        source: "US label as recalled",
        inci: "Drug Facts\nActive ingredient: White Petrolatum USP (100%)\nPurpose: Skin \
               protectant",
        expect: &[],
    },
    Plain {
        product: "Aveeno Daily Moisturizing Lotion",
        source: "DailyMed drug label (Kenvue, 2024)",
        inci: "Drug Facts\nActive ingredient\nDimethicone (1.2%)\nPurpose\nSkin Protectant\n\
               Inactive ingredients\nWater, Glycerin, Distearyldimonium Chloride, Petrolatum, \
               Isopropyl Palmitate, Cetyl Alcohol, Avena Sativa (Oat) Kernel Flour, Benzyl \
               Alcohol, Sodium Chloride",
        expect: &[],
    },
    Plain {
        product: "Aveeno Baby Daily Moisture Lotion",
        source: "DailyMed drug label (2022)",
        inci: "Active Ingredient: Dimethicone 1.2%. Inactive Ingredients: Water, Glycerin, \
               Distearyldimonium Chloride, Petrolatum, Isopropyl Palmitate, Cetyl Alcohol, \
               Avena Sativa (Oat) Kernel Flour, Benzyl Alcohol, Sodium Chloride, Allantoin",
        expect: &[],
    },
    Plain {
        product: "Vanicream Moisturizing Cream",
        source: "US label as recalled",
        inci: "Ingredients: Purified Water, White Petrolatum, Cetearyl Alcohol and \
               Ceteareth-20, Sorbitol Solution, Propylene Glycol, Simethicone, Glyceryl \
               Monostearate, Polyethylene Glycol Monostearate, Sorbic Acid and BHT.",
        expect: &[],
    },
    Plain {
        product: "Cetaphil Gentle Skin Cleanser (2022 formula)",
        source: "label as quoted in an ingredient breakdown",
        inci: "Water, Glycerin, Cetearyl Alcohol, Panthenol, Niacinamide, Pantolactone, \
               Xanthan Gum, Sodium Cocoyl Isethionate, Sodium Benzoate, Citric Acid",
        expect: &[],
    },
    Plain {
        product: "Cetaphil Cracked Skin Repair Balm",
        source: "DailyMed drug label (Galderma, 2023)",
        inci: "Active ingredient......Purpose\nDimethicone 1%......Skin Protectant\nInactive \
               Ingredients\nBEHENYL ALCOHOL, BUTYROSPERMUM PARKII (SHEA) OIL, CAPRYLYL GLYCOL, \
               CETEARYL ALCOHOL, CETYL ALCOHOL, CITRIC ACID, ETHYLHEXYLGLYCERIN, GLYCERIN, \
               SODIUM CETEARYL SULFATE, SODIUM POLYACRYLATE, WATER, YEAST BETAGLUCAN",
        expect: &[],
    },
    Plain {
        product: "Eucerin Original Healing Lotion",
        source: "brand INCI list as archived by a fact-check site",
        inci: "Water, Mineral Oil, Isopropyl Palmitate, Sorbitol, Propylene Glycol, \
               Diisostearoyl Polyglyceryl-3 Dimer Dilinoleate, Polyglyceryl-4 \
               Diisostearate/Polyhydroxystearate/Sebacate, Cetyl Palmitate, Magnesium Sulfate, \
               Aluminum Stearates, Phenoxyethanol, Lanolin Alcohol, Sodium Citrate, Citric Acid",
        expect: &[],
    },
    Plain {
        product: "Hada Labo Gokujyun Hyaluronic Lotion",
        source: "brand's US website list, as reviews quote it",
        inci: "Ingredients : Water, Butylene Glycol, Glycerin, Disodium Succinate, Hydrolyzed \
               Hyaluronic Acid, Hydroxyethylcellulose, Methylparaben, PPG-10 Methyl Glucose \
               Ether, Sodium Acetylated Hyaluronate, Sodium Hyaluronate, Succinic Acid",
        expect: &[Hydrating],
    },
    Plain {
        product: "Bioderma Sensibio Tonique (Tonic Lotion)",
        source: "ingredient list as an ingredient site shows it",
        inci: "Aqua/Water/Eau, Glycerin, Xylitol, Polysorbate 20, Mannitol, Rhamnose, \
               Fructooligosaccharides, Cucumis Sativus (Cucumber) Fruit Extract, PEG-40 \
               Hydrogenated Castor Oil, Allantoin, Propylene Glycol, Disodium EDTA, Cetrimonium \
               Bromide, Sodium Hydroxide, Citric Acid",
        expect: &[],
    },
    Plain {
        product: "Bioderma Sensibio H2O",
        source: "label as recalled",
        inci: "Aqua/Water/Eau, PEG-6 Caprylic/Capric Glycerides, Fructooligosaccharides, \
               Mannitol, Xylitol, Rhamnose, Cucumis Sativus (Cucumber) Fruit Extract, Propylene \
               Glycol, Cetrimonium Bromide, Disodium EDTA",
        expect: &[],
    },
    Plain {
        product: "Avène Skin Recovery Cream",
        source: "label as quoted in reviews",
        inci: "Avene Thermal Spring Water (Avene Aqua), Paraffinum Liquidum (Mineral Oil), \
               Glycerin, Glyceryl Stearate, Squalane, Cyclopentasiloxane, Cyclohexasiloxane, \
               Serine, Carbomer, Tetrasodium EDTA, Triethanolamine, Water (Aqua).",
        expect: &[],
    },
    Plain {
        product: "Avène Thermal Spring Water",
        source: "label as recalled",
        inci: "Ingredients: Avene Thermal Spring Water (Avene Aqua)",
        expect: &[],
    },
];

fn set(classes: &[IngredientClass]) -> BTreeSet<IngredientClass> {
    classes.iter().copied().collect()
}

fn all_cases() -> impl Iterator<Item = &'static Case> {
    CASES.iter().chain(LABEL_CASES)
}

#[test]
fn the_table_has_enough_cases() {
    assert!(CASES.len() >= 40, "only {} cases", CASES.len());
    assert!(
        LABEL_CASES.len() >= 40,
        "only {} label cases",
        LABEL_CASES.len()
    );
    assert!(
        PLAIN_LABELS.len() >= 20,
        "only {} plain labels",
        PLAIN_LABELS.len()
    );
    let mut names: Vec<_> = all_cases()
        .map(|c| c.name)
        .chain(PLAIN_LABELS.iter().map(|p| p.product))
        .collect();
    let total = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), total, "case names must be unique");
}

#[test]
fn every_case_gets_exactly_its_classes() {
    let failures: Vec<String> = all_cases()
        .filter_map(|case| {
            let got = classify(case.inci);
            let want = set(case.expect);
            (got.classes != want).then(|| {
                format!(
                    "{}: want {want:?}, got {:?} from {:?}",
                    case.name, got.classes, got.matches
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn case_and_separators_do_not_change_the_result() {
    for case in all_cases() {
        let want = set(case.expect);
        let variants = [
            case.inci.to_uppercase(),
            case.inci.to_lowercase(),
            case.inci.replace(", ", "\n"),
            case.inci.replace(", ", " ; "),
            case.inci.replace(", ", "  ,\t"),
        ];
        // A "Free from …" claim ends at a line break on purpose (a missed period must not
        // hide the real list), so one claim spread over lines is not the same text.
        let claim = case.inci.contains("Free from");
        for (i, text) in variants.iter().enumerate() {
            if claim && i == 2 {
                continue;
            }
            assert_eq!(classify(text).classes, want, "{}: {text:?}", case.name);
        }
    }
}

#[test]
fn every_match_names_an_ingredient_from_the_list() {
    for case in all_cases() {
        let names = parse_inci(case.inci);
        let c = classify(case.inci);
        for m in &c.matches {
            assert!(
                names.contains(&m.ingredient),
                "{}: {:?} not among parsed names",
                case.name,
                m.ingredient
            );
        }
        for name in &c.unrecognised {
            assert!(names.contains(name), "{}: {name:?} not parsed", case.name);
        }
    }
}

fn check_plain(label: &Plain, text: &str) -> Result<(), String> {
    let c = classify(text);
    if !c.unrecognised.is_empty() {
        return Err(format!(
            "{}: not recognised: {:?}",
            label.product, c.unrecognised
        ));
    }
    if !c.fully_recognised() {
        return Err(format!("{}: not fully recognised", label.product));
    }
    if c.classes != set(label.expect) {
        return Err(format!(
            "{}: want {:?}, got {:?} from {:?}",
            label.product,
            set(label.expect),
            c.classes,
            c.matches
        ));
    }
    Ok(())
}

#[test]
fn plain_real_labels_are_fully_recognised() {
    let failures: Vec<String> = PLAIN_LABELS
        .iter()
        .filter_map(|label| check_plain(label, label.inci).err())
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    for label in PLAIN_LABELS {
        assert!(!label.source.is_empty(), "{}", label.product);
        // None of them is in a paused class: each could be suggested after a session.
        for class in label.expect {
            assert!(matches!(class, Hydrating), "{}: {class:?}", label.product);
        }
    }
}

#[test]
fn plain_labels_stay_recognised_in_any_case_and_layout() {
    for label in PLAIN_LABELS {
        for text in [
            label.inci.to_uppercase(),
            label.inci.to_lowercase(),
            label.inci.replace(", ", "\n"),
            label.inci.replace(", ", " • "),
        ] {
            if let Err(e) = check_plain(label, &text) {
                panic!("{e}\n{text:?}");
            }
        }
    }
}

#[test]
fn an_unknown_name_is_listed_and_blocks_full_recognition() {
    let c = classify("Aqua, Glycerin, Zorbium Extract, Phenoxyethanol");
    assert_eq!(c.unrecognised, ["Zorbium Extract"]);
    assert!(!c.fully_recognised());
    assert!(c.is_unclassified());

    // One hyaluronate and one unknown ingredient: hydrating, but not fully recognised, so
    // GUIDANCE §3 does not suggest it.
    let c = classify("Sodium Hyaluronate, Zorbium Extract");
    assert_eq!(c.classes, set(&[Hydrating]));
    assert_eq!(c.unrecognised, ["Zorbium Extract"]);
    assert!(!c.fully_recognised());

    // The same serum without the unknown is fully recognised.
    assert!(classify("Aqua, Sodium Hyaluronate, Phenoxyethanol").fully_recognised());

    // An unknown name is listed as written, once.
    let c = classify("Water, zorbium EXTRACT*, Zorbium Extract, zorbium EXTRACT");
    assert_eq!(c.unrecognised, ["zorbium EXTRACT", "Zorbium Extract"]);
}

#[test]
fn an_enzyme_guidance_does_not_name_is_not_checked() {
    let dokdo = LABEL_CASES
        .iter()
        .find(|c| c.name == "Round Lab 1025 Dokdo Toner")
        .unwrap();
    let c = classify(dokdo.inci);
    assert!(
        c.unrecognised.contains(&"Protease".to_string()),
        "{:?}",
        c.unrecognised
    );
    assert!(!c.fully_recognised());
}

#[test]
fn old_stored_json_still_deserialises() {
    let c: Classification = serde_json::from_str(
        r#"{"classes":["retinoid"],"matches":[{"ingredient":"Retinol","class":"retinoid"}]}"#,
    )
    .unwrap();
    assert!(c.unrecognised.is_empty());
    assert_eq!(c.ingredient_count, 0);
    assert!(
        !c.fully_recognised(),
        "an old record is re-checked, not trusted"
    );
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let c = classify(&text);
        prop_assert_eq!(c.is_unclassified(), c.classes.is_empty());
        prop_assert!(c.unrecognised.len() <= c.ingredient_count);
        prop_assert_eq!(c.fully_recognised(), c.ingredient_count > 0 && c.unrecognised.is_empty());
        for name in parse_inci(&text) {
            prop_assert!(!name.is_empty());
            prop_assert_eq!(name.trim(), name.as_str());
        }
    }

    #[test]
    fn label_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("Ingredients:"), Just("(and)"), Just("("), Just(")"), Just(","),
                Just("1,2"), Just("0.5%"), Just("/"), Just("+/-"), Just("May contain"),
                Just("Free from"), Just("*"), Just("."), Just("\n"), Just("Retinol"),
                Just("Parfum"), Just("CI 77891"), Just("Titanium Dioxide"), Just("é"),
                Just("-Free"), Just("L-"), Just("Sodium"), Just("Oil"), Just("and"),
                Just("Rosa"), Just("0%"),
            ],
            0..40,
        )
    ) {
        let text = parts.join(" ");
        let _ = classify(&text);
        let _ = parse_inci(&text);
    }
}
