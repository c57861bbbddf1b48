// What the app's keys mean to a person. Reasons follow GUIDANCE.md §2–3.

export const MODE_LABELS = {
  atHome: 'At home',
  professional: 'With a professional',
  both: 'Both: professional sessions with at-home maintenance',
};

export const DEVICE_LABELS = { roller: 'Derma roller', stamp: 'Derma stamp', pen: 'Microneedling pen' };

export const KIND_LABELS = { atHome: 'At home', professional: 'Professional' };

export const CONSULTATION_LABELS = {
  done: 'I have had a consultation',
  booked: 'I have one booked',
  notYet: 'Not yet',
};

export const CONCERNS = [
  ['acneScars', 'Acne scars'],
  ['fineLines', 'Fine lines'],
  ['texture', 'Uneven texture'],
  ['pigmentation', 'Pigmentation or dark spots'],
  ['enlargedPores', 'Enlarged pores'],
  ['stretchMarks', 'Stretch marks'],
  ['generalGlow', 'General glow'],
];

export const SENSITIVITY_LABELS = { normal: 'Usually fine', sensitive: 'Sensitive' };

/** Conditions that hold every session while present: [key, label, why]. */
export const CONDITIONS = [
  ['activeBreakoutOrInfection', 'An active breakout or skin infection in the area',
    'An active breakout or infection can be spread by the needles.'],
  ['coldSore', 'A cold sore', 'Needling near a cold sore can spread the virus.'],
  ['skinFlare', 'An eczema, psoriasis or rosacea flare', 'Needling during a flare makes it worse.'],
  ['recentSunburn', 'Sunburn in the last 14 days', 'Sunburned skin must heal first.'],
  ['openWound', 'Open wounds or broken skin in the area', 'Open wounds must close before needling.'],
];

/** Talk-to-a-professional gates (GUIDANCE §2): [key, label, why]. */
export const GATES = [
  ['isotretinoin', 'Taking isotretinoin (for example Roaccutane) now or in the last 6 months',
    'Sources disagree on how long to wait after isotretinoin, so a professional should decide; Needlewise does not.'],
  ['pregnancyOrBreastfeeding', 'Pregnant or breastfeeding',
    'Ask a professional before needling or using actives while pregnant or breastfeeding.'],
  ['bloodThinnersOrBleeding', 'Blood thinners (including daily aspirin, NSAIDs such as ibuprofen, or fish-oil supplements), or a bleeding disorder',
    'They raise the risk of bleeding and bruising.'],
  ['immunosuppression', 'A weakened immune system, or medicines that suppress it',
    'Immunosuppression raises the risk of infection.'],
  ['cancerTreatment', 'Chemotherapy or radiotherapy, now or recently',
    'Cancer treatment slows healing and raises the risk of infection.'],
  ['uncontrolledDiabetes', 'Diabetes that is not well controlled',
    'Uncontrolled diabetes slows healing and raises the risk of infection.'],
  ['photosensitising', 'Medicines that make your skin sensitive to light (for example some antibiotics or diuretics)',
    'Needled skin burns more easily with them.'],
  ['metalOrAnaestheticAllergy', 'An allergy to nickel or other metals, or to local anaesthetics (numbing creams)',
    'Needles are metal, and clinics use numbing creams.'],
  ['under18', 'Under 18 years old',
    'Skin treatments under 18 need a professional\'s and a parent\'s agreement.'],
  ['keloidTendency', 'A tendency to form keloid (raised, overgrown) scars',
    'Needling can trigger keloid scars.'],
  ['skinCancerOrMoles', 'Skin cancer, or changing or raised moles, in the area',
    'They need a professional\'s look before anyone needles over them.'],
  ['keratosesOrWarts', 'Actinic keratoses (rough, scaly sun spots) or warts in the area',
    'Needles can spread warts and irritate keratoses.'],
  ['diagnosedSkinCondition', 'Diagnosed rosacea, eczema or psoriasis (even when calm)',
    'Needling can set off a flare.'],
  ['autoimmuneOrVitiligo', 'An autoimmune or collagen-vascular disease (such as lupus or scleroderma), or vitiligo',
    'Skin injury can set off new patches or flares.'],
];

/** Treatments of the area that hold sessions for a while (GUIDANCE §2): [key, label, wait]. */
export const PROCEDURES = [
  ['peelOrLaser', 'A chemical peel, laser or IPL, or dermabrasion on the area', '4 weeks'],
  ['injections', 'Fillers or toxin (for example Botox) injections in the area', '2 weeks'],
];

/**
 * The safety step's questions in groups, each answered with "none of these" in one click:
 * [group id, legend, hint, kind ('condition' | 'procedure' | 'gate' | 'history'), keys].
 */
export const SAFETY_GROUPS = [
  ['now', 'Right now, in the area you will needle', 'While one is present, no session is planned or reminded. Tell Needlewise when it has cleared.', 'condition', null],
  ['recent', 'Recent treatments of the area', 'Sessions wait a while after these. Give the date.', 'procedure', null],
  ['health', 'Your health and medicines', 'Each needs a professional\'s go-ahead before microneedling.', 'gate',
    ['isotretinoin', 'pregnancyOrBreastfeeding', 'bloodThinnersOrBleeding', 'immunosuppression', 'cancerTreatment',
      'uncontrolledDiabetes', 'photosensitising', 'metalOrAnaestheticAllergy', 'under18']],
  ['skin', 'Your skin\'s history', 'Each needs a professional\'s go-ahead, except cold sores, which only add a note to your checklist.', 'gate',
    ['keloidTendency', 'skinCancerOrMoles', 'keratosesOrWarts', 'diagnosedSkinCondition', 'autoimmuneOrVitiligo']],
];

/** What each kind of answer does; where its rule comes from is the app's (app_status.safetySources). */
export const SAFETY_EFFECTS = {
  condition: 'Hold until it clears',
  procedure: 'Hold for a set time after it',
  gate: 'Talk to a professional first',
  history: 'A note on your checklist',
};

export const labelOf = (list, key) => list.find(([k]) => k === key)?.[1] ?? key;

export const CLASS_LABELS = {
  retinoid: 'Retinoid',
  exfoliatingAcid: 'Exfoliating acid',
  benzoylPeroxide: 'Benzoyl peroxide',
  scrub: 'Scrub',
  vitaminC: 'Vitamin C',
  fragrance: 'Fragrance',
  hydrating: 'Hydrating',
  peptide: 'Peptide',
  growthFactor: 'Growth factor',
  sunscreenFilter: 'Sunscreen filter',
};

/** Classes paused around sessions (GUIDANCE §3), and those suggested after them. */
export const PAUSED_CLASSES = ['retinoid', 'exfoliatingAcid', 'benzoylPeroxide', 'scrub', 'vitaminC', 'fragrance'];
export const HELPFUL_CLASSES = ['hydrating', 'peptide', 'growthFactor'];

/** The same, mid-sentence. */
const CLASS_NOUNS = {
  retinoid: 'retinoid',
  exfoliatingAcid: 'exfoliating acid',
  benzoylPeroxide: 'benzoyl peroxide',
  scrub: 'scrub',
  vitaminC: 'vitamin C',
  fragrance: 'fragrance',
  hydrating: 'hydrating',
  peptide: 'peptide',
  growthFactor: 'growth factor',
  sunscreenFilter: 'sunscreen filter',
};

export const classLabel = (c) => CLASS_LABELS[c] ?? c;
export const classNoun = (c) => CLASS_NOUNS[c] ?? c;
export const classKind = (c) => (PAUSED_CLASSES.includes(c) ? 'paused' : HELPFUL_CLASSES.includes(c) ? 'helpful' : 'neutral');

export const UNCLASSIFIED_TEXT = 'Unclassified — we could not recognise anything; it is not marked safe';
export const NOT_CHECKED_TEXT = 'Not checked — Needlewise does not know every ingredient, so it never suggests this product';

/** Session status words, and how a projected (not yet stored) planned session reads. */
export const STATUS_LABELS = {
  planned: 'Planned',
  projected: 'Proposed',
  done: 'Done',
  skipped: 'Skipped',
  postponed: 'Postponed',
};

/** "planned" with no id is a date the schedule proposes; nothing is stored for it yet. */
export const sessionState = (s) => (s.status === 'planned' && (s.id === null || s.id === undefined) ? 'projected' : s.status);

export const SESSION_NOUNS = { atHome: 'at-home session', professional: 'professional appointment' };
export const SESSION_TITLES = { atHome: 'At-home session', professional: 'Professional session' };

/** Pause and care windows (GUIDANCE §2–3): [label, group] — the group picks the calendar mark. */
export const WINDOW_LABELS = {
  preSession: 'Before your session: no retinoids, acids, benzoyl peroxide or scrubs',
  hairRemoval: 'Before your session: no waxing or depilatory creams',
  retinoid: 'Retinoids paused',
  exfoliant: 'Exfoliating acids, benzoyl peroxide and scrubs paused',
  vitaminC: 'Vitamin C paused',
  fragrance: 'Fragranced products paused',
  makeup: 'No makeup',
  sweating: 'No sweating, sauna or swimming',
  strictSun: 'Strict sun care',
};

/** Windows grouped for the calendar's marks and its legend. */
export const WINDOW_GROUPS = [
  ['before', 'Pause before a session', ['preSession', 'hairRemoval']],
  ['pause', 'Products paused after a session', ['retinoid', 'exfoliant', 'vitaminC', 'fragrance']],
  ['care', 'No makeup or sweating', ['makeup', 'sweating']],
  ['sun', 'Strict sun care', ['strictSun']],
];
export const windowGroup = (kind) => WINDOW_GROUPS.find(([, , kinds]) => kinds.includes(kind))?.[0] ?? 'pause';

/** The ingredient classes each window pauses (mirrors the core's WindowKind::paused_classes). */
export const WINDOW_CLASSES = {
  preSession: ['retinoid', 'exfoliatingAcid', 'benzoylPeroxide', 'scrub'],
  hairRemoval: [],
  retinoid: ['retinoid'],
  exfoliant: ['exfoliatingAcid', 'benzoylPeroxide', 'scrub'],
  vitaminC: ['vitaminC'],
  fragrance: ['fragrance'],
  makeup: [],
  sweating: [],
  strictSun: [],
};

export const SEVERITIES = [
  ['none', 'None'],
  ['mild', 'Mild'],
  ['moderate', 'Moderate'],
  ['severe', 'Severe'],
];
export const severityLevel = (s) => Math.max(0, SEVERITIES.findIndex(([k]) => k === s));

/** Check-in flags (GUIDANCE §4): [key, label]. */
export const FLAGS = [
  ['swelling', 'Swelling'],
  ['bleeding', 'Bleeding'],
  ['bumps', 'New bumps'],
  ['spreadingRedness', 'Spreading redness'],
  ['warmthOrPus', 'Warmth or pus'],
  ['fever', 'Fever'],
];

/** What a session's check-ins say (checkin_history.sessions[].response). */
export const RESPONSE_LABELS = {
  unknown: ['Not enough check-ins yet', 'neutral'],
  expected: ['As expected: mild and clearing', 'helpful'],
  calm: ['Calm: nothing past mild by day 2', 'helpful'],
  adjust: ['Still red after 3 days: next interval longer', 'paused'],
  consult: ['See a professional before the next session', 'paused'],
};

export const dayAfterLabel = (day) => (Number(day) === 0 ? 'the session evening' : `day ${day} after`);

/** What each reminder kind is about, for the "missed" list (the ledger keeps kinds, not text). */
export const REMINDER_LABELS = {
  bookConsultation: 'Book a consultation',
  prePause: 'Start pausing retinoids, acids, benzoyl peroxide and scrubs',
  sessionPrep: 'Session tomorrow',
  sessionToday: 'Session today',
  sessionSoon: 'Appointment soon',
  bookNext: 'Book the next professional session',
  postCare: 'Aftercare for the day',
  checkIn: 'Skin check-in',
  spf: 'Morning SPF',
  reapplySpf: 'Reapply sunscreen',
  replaceHead: 'Replace the device head',
  snoozed: 'Snoozed reminder',
};

/** Face areas a progress photo can show (core `photo::Area`). */
export const AREA_LABELS = {
  wholeFace: 'Whole face',
  forehead: 'Forehead',
  cheeks: 'Cheeks',
  chin: 'Chin',
  neck: 'Neck',
  other: 'Other',
};
/** Routine steps in layering order (GUIDANCE §8): [key, label]. */
export const STEPS = [
  ['cleanser', 'Cleanser'],
  ['maskExfoliant', 'Mask or exfoliant'],
  ['toner', 'Toner or essence'],
  ['serum', 'Treatment serum'],
  ['eye', 'Eye'],
  ['moisturiser', 'Moisturiser'],
  ['faceOil', 'Face oil'],
  ['sunscreen', 'Sunscreen'],
  ['makeup', 'Makeup'],
];

export const WHEN_LABELS = [['am', 'Morning'], ['pm', 'Evening'], ['both', 'Morning and evening']];

export const WEEKDAYS = [[1, 'Mon'], [2, 'Tue'], [3, 'Wed'], [4, 'Thu'], [5, 'Fri'], [6, 'Sat'], [7, 'Sun']];
