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

/** Conditions that postpone a session while present: [key, label, why]. */
export const CONDITIONS = [
  ['activeBreakoutOrInfection', 'An active breakout or skin infection in the area',
    'An active breakout or infection can be spread by the needles.'],
  ['coldSore', 'A cold sore', 'Needling near a cold sore can spread the virus.'],
  ['skinFlare', 'An eczema, psoriasis or rosacea flare', 'Needling during a flare makes it worse.'],
  ['recentSunburn', 'Sunburn in the last 14 days', 'Sunburned skin must heal first.'],
  ['openWound', 'Open wounds or broken skin in the area', 'Open wounds must close before needling.'],
];

/** Talk-to-a-professional gates: [key, label, why]. */
export const GATES = [
  ['isotretinoin', 'Taking isotretinoin (for example Roaccutane) now or in the last 6 months',
    'Sources disagree on how long to wait after isotretinoin, so a professional should decide; Needlewise does not.'],
  ['pregnancyOrBreastfeeding', 'Pregnant or breastfeeding',
    'Ask a professional before needling or using actives while pregnant or breastfeeding.'],
  ['bloodThinnersOrBleeding', 'Taking blood thinners, or a bleeding disorder',
    'Blood thinners and bleeding disorders raise the risk of bleeding and bruising.'],
  ['keloidTendency', 'A tendency to form keloid (raised, overgrown) scars',
    'Needling can trigger keloid scars.'],
  ['immunosuppression', 'A weakened immune system, or medicines that suppress it',
    'Immunosuppression raises the risk of infection.'],
  ['uncontrolledDiabetes', 'Diabetes that is not well controlled',
    'Uncontrolled diabetes slows healing and raises the risk of infection.'],
];

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

const SOURCE_LABELS = {
  seed: 'Seed article',
  aad2018: 'AAD 2018',
  merati2020: 'Merati 2020 RCT',
  harris2015: 'Harris 2015 review',
  clinicSheets: 'Clinic aftercare sheets',
  manufacturers: "Manufacturers' instructions",
  jddContraindications: 'J Drugs Dermatol contraindications',
  jamaDerm2014: 'JAMA Dermatol 2014',
  dermatolSurg2024: 'Dermatol Surg 2024',
  jaadCaseReports2021: 'JAAD Case Reports 2021',
  isotretinoin2017: 'JAMA Dermatol 2017 consensus',
  who2002: 'WHO UV Index guide 2002',
  madronich2007: 'Madronich 2007',
  noaa: 'NOAA Solar Calculator',
  aadSunscreen: 'AAD; sunscreen labels',
  productDefault: 'Needlewise default',
};

export const sourceLabel = (key) => SOURCE_LABELS[key] ?? String(key ?? '');

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
  preSession: 'Before your session: no retinoids or acids',
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
  ['before', 'Pause before a session', ['preSession']],
  ['pause', 'Products paused after a session', ['retinoid', 'exfoliant', 'vitaminC', 'fragrance']],
  ['care', 'No makeup or sweating', ['makeup', 'sweating']],
  ['sun', 'Strict sun care', ['strictSun']],
];
export const windowGroup = (kind) => WINDOW_GROUPS.find(([, , kinds]) => kinds.includes(kind))?.[0] ?? 'pause';

/** The ingredient classes each window pauses (mirrors the core's WindowKind::paused_classes). */
export const WINDOW_CLASSES = {
  preSession: ['retinoid', 'exfoliatingAcid'],
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
  prePause: 'Start pausing retinoids and acids',
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
