//! Hand-written ingredient lists in the style of real labels, each with the exact set of
//! classes it must get. Sets are compared for equality, so a wrong extra class fails as
//! surely as a missing one.

use std::collections::BTreeSet;

use needlewise_core::ingredients::IngredientClass::{self, *};
use needlewise_core::ingredients::{classify, parse_inci};
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
        name: "bakuchiol 'retinol alternative' serum",
        inci: "Squalane, Bakuchiol, Simmondsia Chinensis (Jojoba) Seed Oil, Rosa Canina Fruit \
               Oil, Tocopherol, Helianthus Annuus (Sunflower) Seed Oil",
        expect: &[],
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
        expect: &[ExfoliatingAcid, Hydrating],
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
        name: "azelaic acid 10% suspension",
        inci: "Water, Isodecyl Neopentanoate, Dimethicone, Azelaic Acid, Dimethyl Isosorbide, \
               Polysilicone-11, Isohexadecane, Hydroxyethyl Acrylate/Sodium Acryloyldimethyl \
               Taurate Copolymer, Phenoxyethanol, Chlorphenesin",
        expect: &[],
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

fn set(classes: &[IngredientClass]) -> BTreeSet<IngredientClass> {
    classes.iter().copied().collect()
}

#[test]
fn the_table_has_enough_cases() {
    assert!(CASES.len() >= 40, "only {} cases", CASES.len());
    let mut names: Vec<_> = CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len(), "case names must be unique");
}

#[test]
fn every_case_gets_exactly_its_classes() {
    let failures: Vec<String> = CASES
        .iter()
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
    for case in CASES {
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
    for case in CASES {
        let names = parse_inci(case.inci);
        for m in classify(case.inci).matches {
            assert!(
                names.contains(&m.ingredient),
                "{}: {:?} not among parsed names",
                case.name,
                m.ingredient
            );
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let c = classify(&text);
        prop_assert_eq!(c.is_unclassified(), c.classes.is_empty());
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
            ],
            0..40,
        )
    ) {
        let text = parts.join(" ");
        let _ = classify(&text);
        let _ = parse_inci(&text);
    }
}
