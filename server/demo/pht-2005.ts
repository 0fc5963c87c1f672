// Demo data: the "Preventing Human Trafficking in Kyrgyzstan" (PHT) project's final evaluation, August-September
// 2005 (Winrock International, report of November 2005).
//
// Pure data, no imports of application code. What is and is not from the report:
// - Organisation names and regions: the report's list of the 18 partner NGOs, verbatim. Districts where the
//   report's section II headings (or text) name one.
// - Counts (OUT1, OUT2, OUT3, VAS2, VAS3, GOV3, GOV4, MED1, NET2, TOT1, TOT2, HR2, FIN1, OUT6): as the report
//   gives them, or the sum of counts it gives side by side (each `source` says which). Where the report gives no
//   number, the question is left unanswered (missing), never guessed. "more than 1,000" / "nearly 3,500" are
//   entered as 1000 / 3500.
//   OUT1 counts seminars, trainings, lectures and public or information meetings; plays, campaigns, fairs and
//   hearings are not counted there. Roundtables count as joint activities with state bodies (GOV3) where the
//   report says state bodies took part (Pangea's, whose participants it does not name, are its outreach events).
// - Except staff and funding: where the report gives no number, HR1 (paid staff), HR2 (volunteers), FIN1
//   (funders) and FIN2 (the largest funder's share) are illustrative estimates, each marked `// illustrative
//   estimate`, within the report's "from 6 to 70 workers (including staff and volunteers)" and its picture of
//   NGOs that depend on one donor (the PHT grant): 70-100% for most, lower for the few with several donors.
// - Multi-select answers (target groups, services, state bodies, channels, specialists, local funding sources,
//   networks): the ones the report names for the organisation, or that its text implies (each `source` says
//   which), so they are often fewer than the organisation would tick. "none" where the text names none.
// - Rubric answers (radiogroup 1..4), CON4 and yes/no items: illustrative judgements from the report's text,
//   not the organisations' own answers. Where the text gives nothing to judge by, the cohort's typical answer
//   for an NGO of that kind in 2005 (modest: mostly level 2), never left unanswered.
// - P5 grant dates and P6 amounts are not in the report: unanswered; months_in_period is 12 throughout.
// - Government interviews: agencies and statements from sections I.E, II and III; the report names only one
//   interviewee (Gulmira Ormosheva, Nookat), the others are recorded by position. Interview dates are
//   illustrative days within the evaluation's August-September 2005 fieldwork.
// - Verified levels: illustrative evaluator judgements on items the report's site visits speak to. Sezim's GOV4
//   and TOT1 are verified levels on counts the report does not give (the self basis leaves them missing).

/** The ngo-capacity P2 choice values. */
export type RegionValue =
  "bishkek" | "chui" | "osh_city" | "osh" | "jalal_abad" | "batken" | "talas" | "issyk_kul" | "naryn";

/** The ngo-capacity P3 choice values. */
export type OrgTypeValue = "women" | "youth" | "crisis_centre" | "human_rights" | "migrants" | "other";

type Rubric = 1 | 2 | 3 | 4;
type Activity = "outreach" | "hotline" | "assistance" | "tot" | "media" | "advocacy";
type TargetGroup =
  | "pupils_students"
  | "unemployed_youth"
  | "prospective_migrants"
  | "rural_women"
  | "parents_teachers"
  | "local_officials"
  | "returned_migrants"
  | "other"
  | "none";
type Service =
  | "hotline"
  | "legal"
  | "psychological"
  | "medical"
  | "shelter"
  | "return"
  | "documents"
  | "vocational"
  | "family"
  | "none";
type StateBody =
  | "police"
  | "border"
  | "prosecutor"
  | "migration_labour"
  | "education"
  | "local_gov"
  | "health"
  | "social_protection"
  | "consular"
  | "courts"
  | "none";
type Channel =
  "national_tv" | "regional_tv" | "radio" | "national_press" | "local_press" | "internet" | "own_newsletter" | "none";
type Specialist = "lawyer" | "psychologist" | "social_worker" | "medical" | "trainer" | "accountant" | "journalist_pr";
type LocalSource =
  "government" | "business" | "individual_donations" | "membership_fees" | "own_income" | "local_in_kind" | "none";
type Network = "national_network" | "regional_network" | "international_network" | "local_coalition" | "none";

/** An answer set of surveys/ngo-capacity.json; a key left out is a question left unanswered. */
export interface NgoCapacityAnswers {
  P1: string;
  P1_reg?: string;
  P2: RegionValue;
  P3: OrgTypeValue;
  P3_other?: string;
  P4?: number;
  P5_start?: string;
  P5_end?: string;
  months_in_period?: number;
  P6?: number;
  P7: Activity[];
  P8?: string;
  P8_people?: number;
  OUT1?: number;
  OUT2?: number;
  OUT3?: number;
  OUT4?: TargetGroup[];
  OUT5?: Rubric;
  OUT6?: number;
  VAS1?: Service[];
  VAS2?: number;
  VAS3?: number;
  VAS4?: Rubric;
  VAS5?: Rubric;
  GOV1?: StateBody[];
  GOV2?: Rubric;
  GOV3?: number;
  GOV4?: number;
  GOV5?: boolean;
  MED1?: number;
  MED2?: Channel[];
  MED3?: Rubric;
  MED4?: boolean;
  TOT1?: number;
  TOT2?: number;
  TOT3?: Rubric;
  TOT4?: Rubric;
  HR1?: number;
  HR2?: number;
  HR3?: Specialist[];
  HR4?: Rubric;
  FIN1?: number;
  FIN2?: number;
  FIN3?: LocalSource[];
  FIN4?: Rubric;
  FIN5?: Rubric | "dk";
  NET1?: Network[];
  NET2?: number;
  NET3?: number;
  NET4?: Rubric;
  CON1?: Rubric;
  CON2?: Rubric;
  CON3?: Rubric;
  CON4?: 1 | 2 | 3 | 4 | 5;
}

export interface DemoNgo {
  /** Exactly as in the report's list of partner NGOs. */
  name: string;
  /** Exactly as in the report's list ("Bishkek", "Chuy region", ...). */
  region: string;
  district: string | null;
  /** A P3 value, stored as the organisation's type. */
  orgType: OrgTypeValue;
  contactName: string | null;
  email: string;
  locale: "en" | "ru";
  /** The report's lines the answers rest on, shortened. */
  source: string;
  answers: NgoCapacityAnswers;
}

/** An answer set of surveys/government-interview.json. */
export interface GovernmentInterviewAnswers {
  agency_name: string;
  agency_type:
    | "police"
    | "border"
    | "prosecutor"
    | "migration_labour"
    | "education"
    | "local_gov"
    | "health"
    | "social_protection"
    | "consular"
    | "courts"
    | "other";
  agency_type_other?: string;
  agency_level?: "national" | "oblast" | "rayon_city" | "aiyl_okmotu";
  position?: string;
  agency_region?: RegionValue;
  coop_ngo?: boolean;
  coop_why_not?: string;
  coop_partners?: string;
  coop_forms?: Array<
    | "joint_seminars"
    | "referrals"
    | "info_exchange"
    | "joint_campaigns"
    | "working_group"
    | "written_agreement"
    | "other"
  >;
  coop_forms_other?: string;
  coop_rating?: 1 | 2 | 3 | 4 | 5;
  coop_examples?: string;
  cases_12m?: number;
  keeps_stats?: boolean;
  info_sources?: string;
  nap_awareness?: "not_aware" | "heard" | "general" | "detailed";
  nap_role?: string;
  nap_progress?: 1 | 2 | 3 | 4 | 5;
  nap_obstacles?: string;
  referred_to_ngo?: number;
  received_from_ngo?: number;
  referral_procedure?: string;
  recommendations?: string;
  evaluator_notes?: string;
}

export interface DemoInterview {
  /** Stable id of the interview (the interview API's client-made UUID), so that a reload can recognise it. */
  clientId: string;
  /** The organisation (kind "government") the interview belongs to. */
  organisation: { name: string; region: string; district: string | null; orgType: string };
  interviewee: { name: string | null; position: string; agency: string };
  conductedAt: string;
  source: string;
  answers: GovernmentInterviewAnswers;
}

export interface DemoVerifiedLevel {
  /** The NGO's name (each site-visited NGO's name is unique in the list). */
  organisation: string;
  question: string;
  level: Rubric;
  note: string;
}

export const evaluationName = "PHT final evaluation 2005";
export const evaluationRound = "endline";

const demoNote =
  "Demo data: transcribed from the PHT evaluation report (Winrock International, 2005), section II. Counts as the " +
  "report gives them; rubric and checkbox answers are illustrative judgements from its text; staff and funding " +
  "figures the report does not give are illustrative estimates.";

/** Answers every NGO shares: who filled the form, and the grant period the report does not give. */
function profile(name: string, p2: RegionValue, p3: OrgTypeValue, p7: Activity[]) {
  return { P1: name, P2: p2, P3: p3, months_in_period: 12, P7: p7, P8: demoNote } as const;
}

export const ngos: DemoNgo[] = [
  {
    name: "Center for Public Policy",
    region: "Bishkek",
    district: null,
    orgType: "other",
    contactName: null,
    email: "cpp@example.org",
    locale: "en",
    source:
      'Partners "the Migration Service Department"; "Members of CPP\'s consortium, which included various NGOs and ' +
      'volunteers"; "training ... focused on forming a group of trainers"; "a series of roundtables" (no counts); ' +
      '"packet of proposals on amendments"; "good material technical base and great capacity in terms of human and ' +
      'financial resources"; "their anti-trafficking efforts will continue". The report gives no counts. ' +
      'Judged: mass media "present" at its training and roundtables (MED2, MED4); lawyers (legal consultations, the ' +
      "internship for young lawyers), trainers and, with its financial capacity, an accountant (HR3); no state " +
      'support or local income named (GOV5, FIN3); "progressive and sustainable" (CON2). Staff and funding figures ' +
      "are estimates.",
    answers: {
      ...profile("Center for Public Policy", "bishkek", "other", ["outreach", "tot", "advocacy"]),
      P3_other: "Public policy centre",
      OUT4: ["prospective_migrants", "local_officials"],
      OUT5: 3,
      GOV1: ["migration_labour"],
      GOV2: 3,
      GOV5: false,
      MED2: ["national_press"],
      MED3: 3,
      MED4: true,
      TOT4: 3,
      HR1: 8, // illustrative estimate
      HR2: 10, // illustrative estimate
      HR3: ["lawyer", "trainer", "accountant"],
      HR4: 3,
      FIN1: 4, // illustrative estimate
      FIN2: 55, // illustrative estimate
      FIN3: ["none"],
      FIN4: 3,
      FIN5: 3,
      NET1: ["local_coalition"],
      NET4: 4,
      CON1: 2,
      CON2: 3,
      CON3: 2,
      CON4: 4,
    },
  },
  {
    name: "Chinek",
    region: "Chuy region",
    district: "Issykata rayon",
    orgType: "other",
    contactName: null,
    email: "chinek@example.org",
    locale: "ru",
    source:
      '"26 seminars were held in 8 rayons of Chuy region for 650 participants; 27 seminars were held for 700 high ' +
      'school students and school administrators" (OUT1 53, OUT2 1350, OUT6 8); "2 public hearings ... for ' +
      'representatives of public and state structures" (GOV3 2); "more than 1,000 consultations" (not entered: the ' +
      "report does not say what kind, and only hotline, legal or psychological consultations are asked); " +
      '"booklet describing the organization ... (1000 copies)" (OUT3); "only two articles were published in ' +
      'newspaper Znamya Pobedy" (MED1 2); heads of rayon administration and schools "provided space for seminars"; ' +
      '"seeking additional sources of funding". Judged: Pangea\'s TV programmes covered Chinek (MED2); "it wasn\'t ' +
      'possible ... to establish permanent contacts with the mass media" (MED4 no); programme "based on Ukrainian ' +
      'expertise and was adapted" (TOT4); "without financial support Chinek can\'t hold large-scale activities" ' +
      "(single funder, FIN5); no network named (NET1). Staff and funding figures are estimates.",
    answers: {
      ...profile("Chinek", "chui", "other", ["outreach"]),
      P3_other: "Community development NGO",
      OUT1: 53,
      OUT2: 1350,
      OUT3: 1000,
      OUT4: ["pupils_students", "parents_teachers", "other"],
      OUT5: 3,
      OUT6: 8,
      GOV1: ["local_gov", "education", "social_protection"],
      GOV2: 3,
      GOV3: 2,
      GOV5: true,
      MED1: 2,
      MED2: ["local_press", "national_tv"],
      MED3: 2,
      MED4: false,
      TOT3: 2,
      TOT4: 3,
      HR1: 3, // illustrative estimate
      HR2: 4, // illustrative estimate
      HR3: ["trainer"],
      HR4: 2,
      FIN1: 1, // illustrative estimate
      FIN2: 100, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET4: 2,
      CON1: 2,
      CON2: 2,
      CON3: 2,
      CON4: 2,
    },
  },
  {
    name: "Civil Society Support Center-Jalalabad",
    region: "Jalalabad region",
    district: "Jalalabad city",
    orgType: "other",
    contactName: "Elmira Mavlanova",
    email: "cssc-jalalabad@example.org",
    locale: "ru",
    source:
      '"started its activity in 1996" (P4); "1,364 people were provided consultations"; hotline "18 consultations" ' +
      '(VAS2 1382); "Two-day seminar for officials of Employment Centers from 13 rayons" / "Thirteen representatives ' +
      '... were trained" (OUT1 1, OUT2 13, GOV3 1); "4,500 informational booklets" (OUT3); "9 articles", a social ' +
      'reel on regional TV, a programme "About you and me" (MED1 11; the radio news items are not counted); "14 ' +
      'youth campaigns with ... volunteers from Volunteer Center Altius" (NET2 14); plays (2, 400 spectators) not ' +
      'counted in OUT; "Two CSSC-Jalalabad trainers who attended the Winrock TOTs" (TOT1 2); "Contacts with Crisis ' +
      'Center Kaniet were formalized" (VAS5); "20 people found legal work". Judged: consultations counted, "124 of ' +
      'recipients were interested to leaving the country" (VAS4 2); "staff members have received much expertise in ' +
      'working with the mass media" (MED4); "Local youth committees organized space" (FIN3); "has a good technical ' +
      'base and prepared qualified human resources" and a list of next steps (HR4, FIN4, CON2). Staff and funding ' +
      "figures are estimates.",
    answers: {
      ...profile("Civil Society Support Center-Jalalabad", "jalal_abad", "other", ["outreach", "hotline", "media"]),
      P3_other: "Civil society support centre",
      P4: 1996,
      OUT1: 1,
      OUT2: 13,
      OUT3: 4500,
      OUT4: ["prospective_migrants", "unemployed_youth", "local_officials"],
      OUT5: 3,
      VAS1: ["hotline", "legal", "vocational"],
      VAS2: 1382,
      VAS4: 2,
      VAS5: 3,
      GOV1: ["police", "migration_labour", "education", "local_gov"],
      GOV2: 3,
      GOV3: 1,
      GOV5: true,
      MED1: 11,
      MED2: ["regional_tv", "radio", "local_press"],
      MED3: 3,
      MED4: true,
      TOT1: 2,
      TOT3: 2,
      TOT4: 2,
      HR1: 5, // illustrative estimate
      HR2: 12, // illustrative estimate
      HR3: ["lawyer", "trainer", "social_worker"],
      HR4: 3,
      FIN1: 2, // illustrative estimate
      FIN2: 80, // illustrative estimate
      FIN3: ["government"],
      FIN4: 3,
      FIN5: 2,
      NET1: ["none"],
      NET2: 14,
      NET4: 2,
      CON1: 2,
      CON2: 3,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Civil Society Support Center-Nookat",
    region: "Osh region",
    district: "Nookat rayon",
    orgType: "other",
    contactName: null,
    email: "cssc-nookat@example.org",
    locale: "ru",
    source:
      '"a needs assessment in 4 village administrations of Aravan rayon ... 224 individuals"; "CSSC-Nookat trainers ' +
      'conducted 21 trainings in Nookat and Aravan rayons" (OUT1 21, OUT6 2; attendance of the 21 not given, so OUT2 ' +
      'is missing); "a roundtable with 20 participants from Heads of local government, law enforcement bodies" (GOV3 ' +
      '1); "the two trainers that attended the Winrock TOTs have now trained 8 more trainers" (TOT1 10, TOT2 21); ' +
      '"two cases of labor exploitation and fraud were presented to the rayon court" (GOV4 2); "permanent contact ' +
      'with two journalists"; "developed a module for a one-day seminar, translated into Kyrgyz and Uzbek"; "82 ' +
      'Kyrgyz citizens were able to be employed legally". Judged: legal consultations that reached court (VAS4 3); ' +
      'the Youth Committee "continues to provide practical assistance" (GOV5, FIN3); Pangea\'s TV programmes covered ' +
      'it (MED2); seminars designed from the needs assessment (TOT3 3); "an established microcredit agency" (HR3 ' +
      'accountant, FIN3 own income); work with "Palmira", "Mukaddas", "Nookat tayanychy" and "Podruga" on ' +
      "rehabilitation (NET1). Staff and funding figures are estimates.",
    answers: {
      ...profile("Civil Society Support Center-Nookat", "osh", "other", [
        "outreach",
        "hotline",
        "assistance",
        "tot",
        "media",
      ]),
      P3_other: "Civil society support centre with a microcredit arm",
      OUT1: 21,
      OUT4: ["prospective_migrants", "local_officials"],
      OUT5: 3,
      OUT6: 2,
      VAS1: ["hotline", "legal", "vocational"],
      VAS4: 3,
      VAS5: 3,
      GOV1: ["local_gov", "police", "courts"],
      GOV2: 3,
      GOV3: 1,
      GOV4: 2,
      GOV5: true,
      MED2: ["local_press", "national_tv"],
      MED3: 3,
      MED4: true,
      TOT1: 10,
      TOT2: 21,
      TOT3: 3,
      TOT4: 3,
      HR1: 6, // illustrative estimate
      HR2: 8, // illustrative estimate
      HR3: ["lawyer", "trainer", "accountant"],
      HR4: 3,
      FIN1: 3, // illustrative estimate
      FIN2: 70, // illustrative estimate
      FIN3: ["own_income", "government"],
      FIN4: 3,
      FIN5: 2,
      NET1: ["local_coalition"],
      NET4: 3,
      CON1: 3,
      CON2: 3,
      CON3: 4,
      CON4: 3,
    },
  },
  {
    name: 'Crisis Center for Women and Family "Sezim"',
    region: "Bishkek",
    district: null,
    orgType: "crisis_centre",
    contactName: "Natalya Pavlova",
    email: "sezim@example.org",
    locale: "ru",
    source:
      '"28 trafficking and domestic violence victims were provided socio-psychological services" (VAS3 28, both ' +
      'kinds of victims as the report counts them); "15 victims were provided medical services; 15 ... professional ' +
      'skills"; "a referral system to other service providers ... was established"; hotline "provided 434 ' +
      'consultations" (VAS2); funds from "Winrock, IOM, New Zealand Embassy, US Embassy Democracy Commission" (FIN1 ' +
      '4); partners "National Security Service, Ministry of Internal Affairs, Border control services"; "the City ' +
      'Administration of Bishkek ... provided Sezim with a free building" (GOV5, FIN3). Judged: no outreach campaigns ' +
      'under this grant (OUT4 none, OUT5 1); "socio-psychological services" (HR3 social worker); "established ' +
      'contacts with NGOs throughout the country" but no network named (NET1); "will continue to work with ' +
      "trafficking victims\" (CON). Media: nothing in the report, the cohort's typical answers. Staff and the " +
      "largest funder's share are estimates; GOV4 and TOT1 are verified levels, not counts.",
    answers: {
      ...profile('Crisis Center for Women and Family "Sezim"', "bishkek", "crisis_centre", ["hotline", "assistance"]),
      OUT4: ["none"],
      OUT5: 1,
      VAS1: ["hotline", "legal", "psychological", "medical", "shelter", "vocational"],
      VAS2: 434,
      VAS3: 28,
      VAS4: 3,
      VAS5: 3,
      GOV1: ["police", "border", "local_gov", "health", "education"],
      GOV2: 4,
      GOV5: true,
      MED2: ["national_press"],
      MED3: 2,
      MED4: false,
      TOT4: 2,
      HR1: 8, // illustrative estimate
      HR2: 5, // illustrative estimate
      HR3: ["lawyer", "psychologist", "social_worker"],
      HR4: 3,
      FIN1: 4,
      FIN2: 50, // illustrative estimate
      FIN3: ["government"],
      FIN4: 3,
      FIN5: 3,
      NET1: ["none"],
      NET4: 3,
      CON1: 3,
      CON2: 3,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: 'Democratic Youth Union "Jiger"',
    region: "Batken region",
    district: "Leylek rayon",
    orgType: "youth",
    contactName: null,
    email: "jiger@example.org",
    locale: "ru",
    source:
      'Partners "the State Employment Center, Youth Department under Leylek rayon state administration, rayon ' +
      'newspaper Ata-Jurt"; "a presentation of the project was held (50 people)"; seminars, meetings and a ' +
      'roundtable without counts (OUT1, OUT2, GOV3 missing); "Four trainers were trained as part of the project" ' +
      '(TOT1 4); "employment of 139 people through the Vacancy Fairs"; administrations "promised to assist in ' +
      'further financial support". Judged: agencies "assisting with the implementation" (GOV5, FIN3), more funding ' +
      "only promised (a single funder, FIN5 2); works with " +
      '"Leylek Ayalzaty" and "Insan-Leylek" but names no network (NET1); a youth organisation with trainers (HR3). ' +
      "Staff and funding figures are estimates.",
    answers: {
      ...profile('Democratic Youth Union "Jiger"', "batken", "youth", ["outreach", "tot", "media", "advocacy"]),
      OUT4: ["unemployed_youth", "local_officials"],
      OUT5: 3,
      GOV1: ["migration_labour", "local_gov", "social_protection"],
      GOV2: 3,
      GOV5: true,
      MED2: ["local_press"],
      MED3: 2,
      MED4: false,
      TOT1: 4,
      TOT3: 2,
      TOT4: 2,
      HR1: 2, // illustrative estimate
      HR2: 12, // illustrative estimate
      HR3: ["trainer"],
      HR4: 2,
      FIN1: 1, // illustrative estimate
      FIN2: 100, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET4: 3,
      CON1: 2,
      CON2: 2,
      CON3: 3,
      CON4: 2,
    },
  },
  {
    name: "Kelechek Dooru",
    region: "Issykul region",
    district: "Ton rayon",
    orgType: "women",
    contactName: null,
    email: "kelechek-dooru@example.org",
    locale: "ru",
    source:
      '"21 public meetings were held in 9 villages with 514 rural citizens participating; 27 one-day trainings were ' +
      'held for 417 rural citizens" (OUT1 48, OUT2 931); "35 consultations were provided to female victims of bride ' +
      'kidnapping" (not entered: no hotline or victim-assistance activity in P7, kind of consultation not given); ' +
      '"leaflets ... developed and disseminated" (no count); "Seminars for representatives of NGOs from 4 rayons"; ' +
      'support from Winrock and "the US Embassy Democracy Commission" (FIN1 2). Judged: "government bodies" took ' +
      "part, none named (GOV1 local government, GOV5 no); Pangea's TV programmes covered it (MED2); own leaflets, " +
      'shared with NGOs of 4 rayons (TOT4 3); partners "Kut Bilim", "Jylgyndy", "Kudaymende Booruker" (NET1). Staff ' +
      "and the largest funder's share are estimates.",
    answers: {
      ...profile("Kelechek Dooru", "issyk_kul", "women", ["outreach"]),
      OUT1: 48,
      OUT2: 931,
      OUT4: ["rural_women", "other"],
      OUT5: 2,
      GOV1: ["local_gov"],
      GOV2: 2,
      GOV5: false,
      MED2: ["national_tv"],
      MED3: 2,
      MED4: false,
      TOT3: 2,
      TOT4: 3,
      HR1: 2, // illustrative estimate
      HR2: 8, // illustrative estimate
      HR3: ["trainer"],
      HR4: 3,
      FIN1: 2,
      FIN2: 80, // illustrative estimate
      FIN3: ["none"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["local_coalition"],
      NET4: 4,
      CON1: 2,
      CON2: 2,
      CON3: 2,
      CON4: 3,
    },
  },
  {
    name: "Lady Shirin",
    region: "Talas region",
    district: "Karabura rayon",
    orgType: "women",
    contactName: null,
    email: "lady-shirin@example.org",
    locale: "ru",
    source:
      '"14 seminars were held for youth age 16 to 35 (total of 418 people)" (OUT1, OUT2); "2,345 booklets and press ' +
      'releases" (OUT3); campaigns "in 12 schools of Manas and Karabura rayons" (OUT6 2); "a rayon coordination ' +
      'council was formed by representatives of NGOs and local government"; "Three Lady Shirin trainers participated ' +
      'in the TOTs" (TOT1 3); government bodies "participated in seminars, provided space"; "At every seminar a ' +
      'policeman was present" (GOV3 14); "IOM awarded a grant to Lady Shirin" (FIN1 2). Judged: legal consultations ' +
      'at seminars, Employment Centers as partners (VAS4 2, VAS5 2); "cooperation with local mass media" (MED2); ' +
      "space from the administrations (FIN3). Staff and the largest funder's share are estimates.",
    answers: {
      ...profile("Lady Shirin", "talas", "women", ["outreach", "assistance", "advocacy"]),
      OUT1: 14,
      OUT2: 418,
      OUT3: 2345,
      OUT4: ["pupils_students", "unemployed_youth", "prospective_migrants"],
      OUT5: 3,
      OUT6: 2,
      VAS1: ["legal"],
      VAS4: 2,
      VAS5: 2,
      GOV1: ["local_gov", "police", "migration_labour"],
      GOV2: 3,
      GOV3: 14,
      GOV5: true,
      MED2: ["local_press"],
      MED3: 3,
      MED4: false,
      TOT1: 3,
      TOT3: 2,
      TOT4: 2,
      HR1: 4, // illustrative estimate
      HR2: 5, // illustrative estimate
      HR3: ["lawyer", "trainer"],
      HR4: 3,
      FIN1: 2,
      FIN2: 70, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 3,
      NET1: ["local_coalition"],
      NET4: 3,
      CON1: 3,
      CON2: 2,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Leylek Ayalzaty",
    region: "Batken region",
    district: "Isfana city",
    orgType: "women",
    contactName: null,
    email: "leylek-ayalzaty@example.org",
    locale: "ru",
    source:
      '"11 seminars for 275 people" (OUT1, OUT2); "2 roundtables ... to ... develop a strategy involving ' +
      'stakeholders" (GOV3 2); "103 consultations on legal issues ... to potential labor migrants" (VAS2); "nearly ' +
      '3,500 copies" of bulletins and "200 informational booklets" (OUT3 3700); "2 TV programs ... and 4 radio ' +
      'programs" (MED1 6); Isfana city, then villages of Leylek rayon (OUT6 2); "advocacy for labor migrants, which ' +
      'is supported by Counterpart International" (FIN1 2). Judged: consultations counted, referral through the ' +
      "migration and passport-visa services (VAS4 2, VAS5 2); no state support named (GOV5); own bulletins in Kyrgyz " +
      'and Russian (TOT4 3); "increasing the number of volunteers" and "support from the citizens" (FIN3 local ' +
      "in-kind); cooperation with several NGOs but no network named (NET1); the strategy for Isfana city (CON2). " +
      "Staff and the largest funder's share are estimates.",
    answers: {
      ...profile("Leylek Ayalzaty", "batken", "women", ["outreach", "assistance", "media", "advocacy"]),
      OUT1: 11,
      OUT2: 275,
      OUT3: 3700,
      OUT4: ["prospective_migrants"],
      OUT5: 3,
      OUT6: 2,
      VAS1: ["legal"],
      VAS2: 103,
      VAS4: 2,
      VAS5: 2,
      GOV1: ["migration_labour", "police", "local_gov"],
      GOV2: 3,
      GOV3: 2,
      GOV5: false,
      MED1: 6,
      MED2: ["regional_tv", "radio", "own_newsletter"],
      MED3: 3,
      MED4: false,
      TOT3: 2,
      TOT4: 3,
      HR1: 3, // illustrative estimate
      HR2: 12, // illustrative estimate
      HR3: ["lawyer", "trainer"],
      HR4: 2,
      FIN1: 2,
      FIN2: 75, // illustrative estimate
      FIN3: ["local_in_kind"],
      FIN4: 2,
      FIN5: 3,
      NET1: ["none"],
      NET4: 3,
      CON1: 3,
      CON2: 3,
      CON3: 2,
      CON4: 3,
    },
  },
  {
    name: "New Youth Status",
    region: "Bishkek",
    district: null,
    orgType: "youth",
    contactName: null,
    email: "new-youth-status@example.org",
    locale: "ru",
    source:
      '"a total of 18,000 spectators attended performances in Bishkek, Chuy and Issykul regions" (OUT2; number of ' +
      'performances not given, OUT1 missing; OUT6 3, the three places named, as for Pangea); "over 15,000 high ' +
      'school students"; TV programmes on KTR ("Zamana", children TV program, "Ala Too news") and "Pyramida" (MED1 ' +
      '4; newspaper articles not counted); "Slovo Kyrgyzstana" and "Vecherniy Bishkek"; "Ministry of Education ... ' +
      'City hall ... 40 schools in Bishkek"; "new project proposals to UNICEF and the Eurasia Foundation". Judged: ' +
      'aimed at high school students to reduce "their risks" (OUT5 3); state bodies "made project implementation considerably easier" (GOV5, FIN3); "Cooperation with journalists ' +
      "... is continuing\" (MED4); its own play script (TOT4 3); partners are a children's centre and a theatre, no " +
      "NGO network (NET1). Staff and funding figures are estimates.",
    answers: {
      ...profile("New Youth Status", "bishkek", "youth", ["outreach", "media"]),
      OUT2: 18000,
      OUT4: ["pupils_students"],
      OUT5: 3,
      OUT6: 3,
      GOV1: ["education", "local_gov"],
      GOV2: 3,
      GOV5: true,
      MED1: 4,
      MED2: ["national_tv", "national_press"],
      MED3: 3,
      MED4: true,
      TOT4: 3,
      HR1: 2, // illustrative estimate
      HR2: 10, // illustrative estimate
      HR3: ["trainer"],
      HR4: 2,
      FIN1: 1, // illustrative estimate
      FIN2: 100, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET4: 2,
      CON1: 2,
      CON2: 2,
      CON3: 2,
      CON4: 2,
    },
  },
  {
    name: "Omur Bulagy",
    region: "Batken region",
    district: null,
    orgType: "crisis_centre",
    contactName: null,
    email: "omur-bulagy@example.org",
    locale: "ru",
    source:
      '"a hotline was established and ... 314 consultations" (VAS2); "45 seminars for 1,219 people" (OUT1, OUT2); ' +
      '"16 radio programs", a roundtable on Batken TV and "6 programs" (MED1 23); "2,800 booklets" (OUT3); "the ' +
      'Crisis Center has 10 volunteers" (HR2 10); a business incubator "with financial support from the Ministry of ' +
      'Labor and Social Protection"; "the Soros Foundation Kyrgyzstan provided support ... to create a Safe House" ' +
      '(FIN1 3: Winrock, Soros Foundation, the Ministry); partner "the Association of Crisis Centers". Judged: crisis ' +
      'center "Janyl Myrza" with "psychological and legal consultations" (VAS1, VAS4 3, VAS5 3); Pangea\'s TV ' +
      "programmes covered it (MED2); regular radio and TV work (MED4). Paid staff and the largest funder's share are " +
      "estimates.",
    answers: {
      ...profile("Omur Bulagy", "batken", "crisis_centre", ["outreach", "hotline", "assistance", "media"]),
      OUT1: 45,
      OUT2: 1219,
      OUT3: 2800,
      OUT4: ["pupils_students", "rural_women", "other"],
      OUT5: 3,
      VAS1: ["hotline", "legal", "psychological", "vocational"],
      VAS2: 314,
      VAS4: 3,
      VAS5: 3,
      GOV1: ["local_gov", "social_protection"],
      GOV2: 3,
      GOV5: true,
      MED1: 23,
      MED2: ["regional_tv", "radio", "national_tv"],
      MED3: 3,
      MED4: true,
      TOT3: 2,
      TOT4: 2,
      HR1: 4, // illustrative estimate
      HR2: 10,
      HR3: ["lawyer", "psychologist", "trainer"],
      HR4: 2,
      FIN1: 3,
      FIN2: 70, // illustrative estimate
      FIN3: ["government"],
      FIN4: 3,
      FIN5: 3,
      NET1: ["national_network"],
      NET4: 3,
      CON1: 3,
      CON2: 3,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Pangea",
    region: "Bishkek",
    district: null,
    orgType: "other",
    contactName: "Saltanat Barakanova",
    email: "pangea@example.org",
    locale: "ru",
    source:
      '"a total of 17 television programs aired, including 29 programs on Mezgil unu ... and 12 special reports" ' +
      '(MED1 17, the stated total; the breakdown adds up to 41); "43 consultations at the Pangea office" (not ' +
      'entered: no hotline or assistance activity); "4 roundtables (in Jalalabad, Batken, Issykul regions and ' +
      'Bishkek) ... 98 people" (OUT1 4, OUT2 98, OUT6 4); "5 journalists, a lawyer and an assistant"; "Right now ' +
      'they do not have sufficient financial support"; "the Association of Rural NGOs Anais". Judged: a media ' +
      'organisation whose journalists "actively volunteer" with it (MED3 4, MED4); staff at the TOTs and "a regional anti-trafficking conference" (HR4 3); "activities ... ' +
      'are done one at a time depending on funding" (FIN3 none, FIN4, FIN5); no state support named (GOV5). Staff ' +
      "and funding figures are estimates.",
    answers: {
      ...profile("Pangea", "bishkek", "other", ["outreach", "media"]),
      P3_other: "Media and information resource centre",
      OUT1: 4,
      OUT2: 98,
      OUT4: ["pupils_students", "other"],
      OUT5: 3,
      OUT6: 4,
      GOV1: ["police", "local_gov"],
      GOV2: 2,
      GOV5: false,
      MED1: 17,
      MED2: ["national_tv"],
      MED3: 4,
      MED4: true,
      TOT3: 2,
      TOT4: 2,
      HR1: 4, // illustrative estimate
      HR2: 5, // illustrative estimate
      HR3: ["journalist_pr", "lawyer"],
      HR4: 3,
      FIN1: 2, // illustrative estimate
      FIN2: 90, // illustrative estimate
      FIN3: ["none"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["local_coalition"],
      NET4: 4,
      CON1: 2,
      CON2: 2,
      CON3: 2,
      CON4: 2,
    },
  },
  {
    name: "Rural Children's Rights Protection",
    region: "Jalalabad region",
    district: "Bazarkorgon rayon",
    orgType: "human_rights",
    contactName: "Kunduz Ukubaeva",
    email: "rcrp@example.org",
    locale: "ru",
    source:
      '"32 trainers from 16 village governments ... were trained during a 5 day seminar" (TOT1 32; the number of ' +
      'seminars they then held for 4,000 people is not given, TOT2 missing); "individual consultations were provided ' +
      'to 255 people" (VAS2); "a total of 28 seminars were held for 1,332 people" plus "a ... seminar ... for 75 ' +
      'girls" (OUT1 29, OUT2 1407); "226 informational bulletins" (OUT3); "2 TV programs ... and an article" (MED1 ' +
      '3); Bazarkorgon and Nooken rayons (OUT6 2); "expenses for transportation were insufficiently calculated"; ' +
      '"ready to hold campaigns ... if they can identify sources of financial assistance". Judged: consultations ' +
      'counted (VAS4 2); "considerable support was provided by government structures" and the regional TV company ' +
      'as a partner (GOV5, FIN3); "lacked an internet connection and e-mail" (HR4 2); "Fruitful cooperation ... with ' +
      'other NGOs" but no network (NET1). Staff and funding figures are estimates (HR2: the 32 members who are ' +
      "now its trainers).",
    answers: {
      ...profile("Rural Children's Rights Protection", "jalal_abad", "human_rights", [
        "outreach",
        "hotline",
        "tot",
        "media",
      ]),
      OUT1: 29,
      OUT2: 1407,
      OUT3: 226,
      OUT4: ["pupils_students", "local_officials", "other"],
      OUT5: 3,
      OUT6: 2,
      VAS1: ["hotline"],
      VAS2: 255,
      VAS4: 2,
      VAS5: 2,
      GOV1: ["migration_labour", "local_gov", "education", "police"],
      GOV2: 3,
      GOV5: true,
      MED1: 3,
      MED2: ["regional_tv", "local_press"],
      MED3: 3,
      MED4: false,
      TOT1: 32,
      TOT3: 2,
      TOT4: 3,
      HR1: 3, // illustrative estimate
      HR2: 32, // illustrative estimate
      HR3: ["trainer"],
      HR4: 2,
      FIN1: 1, // illustrative estimate
      FIN2: 100, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 1,
      NET1: ["none"],
      NET4: 2,
      CON1: 3,
      CON2: 2,
      CON3: 3,
      CON4: 2,
    },
  },
  {
    name: "Tendesh",
    region: "Naryn region",
    district: null,
    orgType: "crisis_centre",
    contactName: null,
    email: "tendesh@example.org",
    locale: "ru",
    source:
      '"5 trainings, 56 public seminars, 24 informational meetings and 5 roundtables" (OUT1 85 without the ' +
      'roundtables; attendance not given); the 5 trainings were for the rayon groups of state bodies (GOV3 5); "24 ' +
      'trafficking victims received rehabilitation services" (VAS3); "187 consultations on the telephone hotline" ' +
      '(VAS2); "nearly 6,000 copies" of bulletins and "5,000 informational materials" (OUT3 11000); "6 television ' +
      'programs", "5 radio programs", "8 articles" (MED1 19); "In all five rayon centers, groups are formed" (OUT6 ' +
      '5); "Three trainers from Tendesh participated in the TOTs" (TOT1 3); "Local administrations provided space ... ' +
      'free of charge"; proposal "to Counterpart International which was supported" (FIN1 2). Judged: "crisis ' +
      'consultation center where a lawyer and psychologist" work, partners "Regional Bar Association, AIDS center" ' +
      '(VAS4 3, VAS5 3); "regularly covered in the local mass media" (MED4); its own 12 bulletins (TOT4 3). Staff ' +
      "and the largest funder's share are estimates.",
    answers: {
      ...profile("Tendesh", "naryn", "crisis_centre", ["outreach", "hotline", "assistance", "media", "advocacy"]),
      OUT1: 85,
      OUT3: 11000,
      OUT4: ["pupils_students", "local_officials"],
      OUT5: 3,
      OUT6: 5,
      VAS1: ["hotline", "legal", "psychological"],
      VAS2: 187,
      VAS3: 24,
      VAS4: 3,
      VAS5: 3,
      GOV1: ["police", "prosecutor", "courts", "education", "local_gov", "health"],
      GOV2: 4,
      GOV3: 5,
      GOV5: true,
      MED1: 19,
      MED2: ["regional_tv", "radio", "local_press", "own_newsletter"],
      MED3: 3,
      MED4: true,
      TOT1: 3,
      TOT3: 2,
      TOT4: 3,
      HR1: 5, // illustrative estimate
      HR2: 6, // illustrative estimate
      HR3: ["lawyer", "psychologist", "trainer"],
      HR4: 3,
      FIN1: 2,
      FIN2: 80, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 3,
      NET1: ["local_coalition"],
      NET4: 4,
      CON1: 3,
      CON2: 3,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Tomo",
    region: "Issykul region",
    district: "Aksuu rayon",
    orgType: "other",
    contactName: null,
    email: "tomo@example.org",
    locale: "ru",
    source:
      '"24 one-day-trainings (503 people) ... in 16 villages and at 8 schools of Aksuu rayon" (OUT1, OUT2; OUT6 1, ' +
      'the one rayon); "a Questions Club in Shapak village where 48 citizens received consultations" (VAS2 48); ' +
      '"2,150 informational booklets" and "150 booklets on bride kidnapping" (OUT3 2300); "four staff members from ' +
      'Tomo participated in the TOT seminars ... Three ... became permanent trainers" (TOT1 4; TOT2 24, the trainings ' +
      'they were trained for); consultation centre with the rayon Internal Affairs Department, which "provided the ' +
      'space as well as staff"; "Tomo provides a psychologist"; articles in local newspapers (no count). Judged: ' +
      'consultations counted, stands with "governmental and NGO contact information" (VAS4 2, VAS5 2); trainings ' +
      '"in Kyrgyz and Russian languages" (TOT4 3); "implement three more projects" (FIN1 3, FIN4 3, FIN5 3); no NGO ' +
      "partners named (NET1). Staff and funding figures are estimates.",
    answers: {
      ...profile("Tomo", "issyk_kul", "other", ["outreach", "assistance", "media"]),
      P3_other: "Community development NGO",
      OUT1: 24,
      OUT2: 503,
      OUT3: 2300,
      OUT4: ["pupils_students", "other"],
      OUT5: 2,
      OUT6: 1,
      VAS1: ["psychological"],
      VAS2: 48,
      VAS4: 2,
      VAS5: 2,
      GOV1: ["police", "local_gov", "education"],
      GOV2: 3,
      GOV5: true,
      MED2: ["local_press"],
      MED3: 3,
      MED4: false,
      TOT1: 4,
      TOT2: 24,
      TOT3: 2,
      TOT4: 3,
      HR1: 5, // illustrative estimate
      HR2: 3, // illustrative estimate
      HR3: ["psychologist", "trainer"],
      HR4: 3,
      FIN1: 3, // illustrative estimate
      FIN2: 75, // illustrative estimate
      FIN3: ["government"],
      FIN4: 3,
      FIN5: 3,
      NET1: ["none"],
      NET4: 2,
      CON1: 2,
      CON2: 2,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Women's Initiative Center Ayalzat",
    region: "Osh region",
    district: null,
    orgType: "women",
    contactName: null,
    email: "wic-ayalzat-osh@example.org",
    locale: "ru",
    source:
      '"a series of seminars" (no count: OUT1, OUT2 missing); "a telephone hotline"; "a regional roundtable with ' +
      'representatives of state structures" (GOV3 1); "a conference for staff of Crisis Centers in Batken, Jalalabad, ' +
      'and Osh" (NET2 1); rayons "Karakulja, Uzgen, Nookat, Karasuu and Aravan" (OUT6 5); Crisis Center Aruulan ' +
      '"providing psychological, medical, and legal assistance to trafficking victims"; training for women who then ' +
      'receive micro-loans; "allocated free office space"; "Osh TV", "Mezon-TV" and others "regularly covered" (no ' +
      'count). Judged: a crisis centre with a 24-hour hotline (VAS4 3, VAS5 3, HR3); "Osh-janyrygy" among the ' +
      'outlets (MED2 local press) and regular coverage (MED4); "all activities ... were in Kyrgyz" (TOT4 3); "eight ' +
      'year experience" (HR4, CON2). Staff and funding figures are estimates.',
    answers: {
      ...profile("Women's Initiative Center Ayalzat", "osh", "women", ["outreach", "hotline", "assistance", "media"]),
      OUT4: ["pupils_students", "rural_women"],
      OUT5: 3,
      OUT6: 5,
      VAS1: ["hotline", "legal", "psychological", "medical", "vocational"],
      VAS4: 3,
      VAS5: 3,
      GOV1: ["migration_labour", "local_gov"],
      GOV2: 3,
      GOV3: 1,
      GOV5: true,
      MED2: ["regional_tv", "local_press"],
      MED3: 3,
      MED4: true,
      TOT4: 3,
      HR1: 6, // illustrative estimate
      HR2: 8, // illustrative estimate
      HR3: ["lawyer", "psychologist", "medical", "trainer"],
      HR4: 3,
      FIN1: 2, // illustrative estimate
      FIN2: 85, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET2: 1,
      NET4: 3,
      CON1: 2,
      CON2: 3,
      CON3: 2,
      CON4: 3,
    },
  },
  {
    name: "Women's Initiative Center Ayalzat",
    region: "Talas region",
    district: null,
    orgType: "women",
    contactName: null,
    email: "wic-ayalzat-talas@example.org",
    locale: "ru",
    source:
      '"14 trainings for high school students from 103 schools were held in Talas region (10,000 people)" (OUT1, ' +
      'OUT2); "309 local trainers were prepared from high school students" (TOT1 309); "a hotline was launched" (no ' +
      'call count); "500 posters ... and 7,000 booklets" (OUT3 7500); partner "the Regional Department of education ' +
      'and culture"; Governor, rayon heads, "Deputy Chief of Regional Internal Affairs Department", "Head of Regional ' +
      'Department of Social Protection" involved; "covered in the regional newspaper Talas turmushu". Judged: a new ' +
      "information hotline (VAS4 2, VAS5 2); schools and the education department hosted the trainings (GOV5, " +
      'FIN3); its trainers "were invited as trainers ... for projects implemented by IOM, Center on Human Rights, ' +
      'and NDI" (TOT4 3). Staff and funding figures are estimates (HR2: some of the 309 peer trainers).',
    answers: {
      ...profile("Women's Initiative Center Ayalzat", "talas", "women", ["outreach", "hotline", "tot", "media"]),
      OUT1: 14,
      OUT2: 10000,
      OUT3: 7500,
      OUT4: ["pupils_students"],
      OUT5: 3,
      VAS1: ["hotline"],
      VAS4: 2,
      VAS5: 2,
      GOV1: ["education", "local_gov", "police", "social_protection"],
      GOV2: 3,
      GOV5: true,
      MED2: ["local_press"],
      MED3: 3,
      MED4: false,
      TOT1: 309,
      TOT3: 2,
      TOT4: 3,
      HR1: 5, // illustrative estimate
      HR2: 40, // illustrative estimate
      HR3: ["trainer"],
      HR4: 3,
      FIN1: 2, // illustrative estimate
      FIN2: 85, // illustrative estimate
      FIN3: ["government"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET4: 3,
      CON1: 2,
      CON2: 2,
      CON3: 3,
      CON4: 3,
    },
  },
  {
    name: "Women's Support Center",
    region: "Bishkek",
    district: null,
    orgType: "women",
    contactName: null,
    email: "wsc@example.org",
    locale: "ru",
    source:
      '"a textbook for trainers on preventing human trafficking ... Total of 1000 copies" (OUT3 1000), "published in ' +
      "two languages (Kyrgyz and Russian) and disseminated among specialists – representatives of NGOs, select " +
      'government agencies ... educational institutions, and law enforcement bodies"; "prepared based on results of ' +
      'many trainings and discussions with NGOs and state structures"; "will allow the organization to explore ' +
      'developing and publishing other educational materials". Judged: the textbook went to educational ' +
      "institutions and law enforcement bodies (GOV1) and its materials are shared with NGOs (NET4 3); Pangea's TV " +
      "programmes covered it (MED2); otherwise the cohort's typical answers. Staff and funding figures are " +
      "estimates.",
    answers: {
      ...profile("Women's Support Center", "bishkek", "women", ["tot"]),
      OUT3: 1000,
      OUT4: ["parents_teachers", "local_officials"],
      OUT5: 2,
      GOV1: ["education", "police"],
      GOV2: 2,
      GOV5: false,
      MED2: ["national_tv"],
      MED3: 2,
      MED4: false,
      TOT4: 4,
      HR1: 2, // illustrative estimate
      HR2: 4, // illustrative estimate
      HR3: ["trainer"],
      HR4: 2,
      FIN1: 1, // illustrative estimate
      FIN2: 100, // illustrative estimate
      FIN3: ["none"],
      FIN4: 2,
      FIN5: 2,
      NET1: ["none"],
      NET4: 3,
      CON1: 2,
      CON2: 2,
      CON3: 2,
      CON4: 2,
    },
  },
];

const interviewNote =
  "Demo data: reconstructed from the PHT evaluation report (2005), sections I.E, II and III; not a transcript.";

export const interviews: DemoInterview[] = [
  {
    clientId: "5d1c7e9a-2005-4a01-9b01-000000000001",
    organisation: {
      name: "National Council on combating smuggling of and trafficking in persons under the President of the Kyrgyz Republic",
      region: "Bishkek",
      district: null,
      orgType: "other",
    },
    interviewee: {
      name: null,
      position: "Representative of the National Council",
      agency: "National Council on combating smuggling of and trafficking in persons",
    },
    conductedAt: "2005-08-22T04:00:00.000Z",
    source:
      'I.E: "responsible for coordination of the activities of state bodies in implementing the National Plan of ' +
      'Action ... three directions"; II: letters of support for Chinek "disseminated to all levels of government"; ' +
      'help for New Youth Status in Issykul; with the City Administration, "a free building" for Sezim. III: ' +
      '"Expand the membership of the National Council ... to include representatives of NGOs".',
    answers: {
      agency_name:
        "National Council on combating smuggling of and trafficking in persons under the President of the Kyrgyz Republic",
      agency_type: "other",
      agency_type_other: "National coordination council",
      agency_level: "national",
      position: "Representative of the National Council",
      agency_region: "bishkek",
      coop_ngo: true,
      coop_partners: 'Chinek; New Youth Status; Crisis Center for Women and Family "Sezim"',
      coop_forms: ["joint_campaigns", "other"],
      coop_forms_other: "Letters of support asking all levels of government to help NGO seminars",
      coop_examples:
        "Letters of support for Chinek's seminars; help for New Youth Status to perform its play in the Issykul " +
        "region; with the Bishkek City Administration and the State Committee on women, family and gender " +
        "development, a free building for Sezim's rehabilitation shelter.",
      nap_awareness: "detailed",
      nap_role:
        "Coordinates the state bodies implementing the National Plan of Action: prevention, prosecution and " +
        "suppression, protection and assistance to victims.",
      evaluator_notes:
        interviewNote + " Report recommendation: expand the Council's membership to include representatives of NGOs.",
    },
  },
  {
    clientId: "5d1c7e9a-2005-4a01-9b01-000000000002",
    organisation: {
      name: "Ministry of Internal Affairs, Department on Combating Human Trafficking",
      region: "Bishkek",
      district: null,
      orgType: "police",
    },
    interviewee: {
      name: null,
      position: "Representative of the Department on Combating Human Trafficking",
      agency: "Ministry of Internal Affairs",
    },
    conductedAt: "2005-08-24T04:00:00.000Z",
    source:
      'I.E: "In June 2003, a Ministry of Internal Affairs Department on Combating Human Trafficking was formed"; ' +
      '"Criminal Code in August 2003 ... 3-20 years"; "the Kyrgyz Government provides limited information on ' +
      'prosecution and conviction rate"; II: Sezim "effectively partners with ... Ministry of Internal Affairs".',
    answers: {
      agency_name: "Ministry of Internal Affairs, Department on Combating Human Trafficking",
      agency_type: "police",
      agency_level: "national",
      position: "Representative of the Department on Combating Human Trafficking",
      agency_region: "bishkek",
      coop_ngo: true,
      coop_partners: 'Crisis Center for Women and Family "Sezim"',
      coop_examples:
        "Works with Sezim on assistance to trafficking victims; the report calls it an active partnership.",
      nap_awareness: "general",
      nap_role:
        "Prosecution and suppression of trafficking; the department was formed in June 2003, after which the " +
        "Criminal Code (August 2003) set 3 to 20 years for trafficking crimes.",
      evaluator_notes:
        interviewNote + " The report notes that the Government publishes little on prosecutions and convictions.",
    },
  },
  {
    clientId: "5d1c7e9a-2005-4a01-9b01-000000000003",
    organisation: { name: "Border Control Service", region: "Bishkek", district: null, orgType: "border" },
    interviewee: {
      name: null,
      position: "Representative of the Border Control Service",
      agency: "Border Control Service",
    },
    conductedAt: "2005-08-26T04:00:00.000Z",
    source:
      "I.E: \"The Border Control Service states that they don't punish those Kyrgyz victims who confess to using " +
      'forged documents or of illegal departure"; "In 2003 the Border Control Service created a data base to ' +
      "investigate cases of human trafficking and introduced a new system of entrance/exit ... (in the beginning of " +
      '2004)"; II: Sezim "effectively partners with ... Border control services".',
    answers: {
      agency_name: "Border Control Service",
      agency_type: "border",
      agency_level: "national",
      position: "Representative of the Border Control Service",
      agency_region: "bishkek",
      coop_ngo: true,
      coop_partners: 'Crisis Center for Women and Family "Sezim"',
      keeps_stats: true,
      info_sources:
        "The Service's own database for investigating trafficking cases (since 2003); the entry/exit system " +
        "introduced at the beginning of 2004.",
      referral_procedure:
        "Kyrgyz victims who confess to using forged documents or to leaving or entering the country illegally are " +
        "not punished, as the Service states.",
      evaluator_notes:
        interviewNote +
        " The report adds that the threat of prosecution for immigration and border violations still keeps many " +
        "victims from testifying.",
    },
  },
  {
    clientId: "5d1c7e9a-2005-4a01-9b01-000000000004",
    organisation: {
      name: "Youth Committee, Nookat rayon state administration",
      region: "Osh region",
      district: "Nookat rayon",
      orgType: "local_gov",
    },
    interviewee: {
      name: "Gulmira Ormosheva",
      position: "Representative of the Youth Committee under the rayon state administration",
      agency: "Nookat rayon state administration",
    },
    conductedAt: "2005-09-06T04:00:00.000Z",
    source:
      'II (CSSC-Nookat): "Representative of Youth Committee under the rayon state administration, Gulmira Ormosheva, ' +
      "described in her meeting with the PHT project evaluator how her committee had actively participated in all the " +
      "activities held by CSSC-Nookat and continues to provide practical assistance when holding seminars and " +
      'roundtables"; "The city administration of Nookat together with CSSC-Nookat is ready to open a center"; ' +
      '"Practically all participants of the meeting ... refer citizens for consultation to CSSC-Nookat".',
    answers: {
      agency_name: "Youth Committee, Nookat rayon state administration",
      agency_type: "local_gov",
      agency_level: "rayon_city",
      position: "Representative of the Youth Committee under the rayon state administration",
      agency_region: "osh",
      coop_ngo: true,
      coop_partners: "Civil Society Support Center-Nookat",
      coop_forms: ["joint_seminars"],
      coop_examples:
        "The committee took part in all of CSSC-Nookat's activities and still helps to hold its seminars and " +
        "roundtables. The Nookat city administration is ready to open, with CSSC-Nookat, a centre where labour " +
        "migrants can get information and consultations.",
      referral_procedure: "Citizens are referred to CSSC-Nookat for consultations.",
      evaluator_notes: interviewNote + " Met during the site visit to CSSC-Nookat.",
    },
  },
];

export const verifiedLevels: DemoVerifiedLevel[] = [
  {
    organisation: "Tomo",
    question: "GOV5",
    level: 4,
    note: "Site visit: the rayon Internal Affairs Department gives the space and the staff of the joint consultation point.",
  },
  {
    organisation: "Civil Society Support Center-Nookat",
    question: "GOV3",
    level: 4,
    note:
      "Site visit: the rayon Youth Committee (Gulmira Ormosheva) took part in all CSSC-Nookat activities; the " +
      "self-report counted only the Aravan roundtable.",
  },
  {
    organisation: "Rural Children's Rights Protection",
    question: "TOT1",
    level: 4,
    note: "Site visit: the 32 trainers of the 5-day seminar are now RCRP's permanent trainers.",
  },
  {
    organisation: "Rural Children's Rights Protection",
    question: "CON1",
    level: 2,
    note:
      "Site visit: the manager will hold further campaigns only if donor funding is found; transport costs were " +
      "under-budgeted. Intention, no resources.",
  },
  {
    organisation: "Pangea",
    question: "MED1",
    level: 4,
    note: "Report gives 17 TV programmes in total but 29 + 12 in its breakdown; level 4 (12 or more) either way.",
  },
  {
    organisation: "New Youth Status",
    question: "OUT2",
    level: 4,
    note: "Site visit: 18,000 spectators, of whom over 15,000 high school students; level 4 either way.",
  },
  {
    organisation: "Civil Society Support Center-Jalalabad",
    question: "VAS5",
    level: 3,
    note: 'Site visit: referrals of victims needing psychological help to Crisis Center "Kaniet" are formalised.',
  },
  {
    organisation: 'Crisis Center for Women and Family "Sezim"',
    question: "GOV5",
    level: 4,
    note: "Site visit: the Bishkek City Administration provided the free building of the rehabilitation shelter.",
  },
  {
    organisation: 'Crisis Center for Women and Family "Sezim"',
    question: "GOV4",
    level: 4,
    note:
      "Site visit: the 15 victims given medical services went through the referral system to medical institutions, " +
      "and cases are worked with the Ministry of Internal Affairs; 10 or more referrals, though Sezim gave no count.",
  },
  {
    organisation: 'Crisis Center for Women and Family "Sezim"',
    question: "TOT1",
    level: 2,
    note:
      "Site visit: Sezim staff took part in all of the project's trainings; the report gives no number trained, " +
      "level 2 (at least one) assumed.",
  },
];
