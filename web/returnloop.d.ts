// Types of ReturnLoop's JS API (web/returnloop.js over web/bindings.cpp). Every call returns a value; a failure is
// { error: { path, message } } naming the argument at fault, never an exception. Money is integer minor units.

export interface Failure { error: { path: string; message: string } }
export type Answer<T> = T | Failure;

export type Material = 'pet' | 'hdpe' | 'aluminium' | 'steel' | 'glass' | 'carton' | 'other';
export type Category = 'water' | 'soft_drink' | 'juice' | 'beer' | 'wine' | 'spirits' | 'dairy' | 'other';
export interface Container { material: Material; volumeMl: number; category: Category; refillable?: boolean }
export interface Source { id: string; title: string; titleZh: string; url: string; year: number;
  quality: 'official' | 'operator' | 'secondary' | 'weak' }
export interface Problem { path: string; message: string }

/** A preset as data/start.json lists it: the scheme file's own fields, before the file is loaded. */
export interface Preset { id: string; name: string; nameZh: string; country: string; currency: string;
  status: 'in_force' | 'planned' | 'uncertain' | 'hypothetical' }

/** A loaded scheme as the core summarises it for a date. */
export interface SchemeSummary extends Preset {
  inForce: boolean; hypothetical: boolean; started: string; returnToRetail: boolean; operator: string; summary: string;
  summaryZh: string;
  /** A rule in force on the date carries a deposit on refillable containers (offer a refillable bottle). */
  refillable: boolean;
  rules: number; returnRates: { year: number; rate: number; source: string; note: string }[]; sources: Source[];
}

export interface Decision { eligible: boolean; reason: string; amountMinor: number; refundMinor: number;
  nonRefundableFeeMinor: number; handlingFeeMicros: number; ruleIndex: number }

export interface Options {
  /** Start with the first view's module (summaries, household with its text; snapshots only); full() brings in the rest. */
  lite?: boolean;
  /** 'snapshot' (default): start.bin and schemes/<id>.bin, the core's snapshots of the JSON files, written when the
   *  page was built; 'json': the full module reads and validates the JSON files themselves. */
  from?: 'snapshot' | 'json';
  /** The data folder (start.json, start.bin, schemes/, factors/, model/); default ../data/ beside returnloop.js. */
  data?: string | URL;
  /** Reads a file of the data folder (default: fetch in a browser, the file system under node). */
  read?: (path: string) => Promise<Uint8Array | ArrayBuffer | string>;
  /** Preset ids to load while the module starts. */
  schemes?: string[];
  locale?: string;
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export interface ReturnLoop {
  /** Problems found in the data files loaded so far ([] in a good build). */
  initErrors: Problem[];
  version(): string;
  locale(): string;
  setLocale(tag: string): string;
  /** Every preset (loaded or not), in the order of the Chinese names (pinyin). */
  presets(): Preset[];
  /** Loads presets' scheme files (every preset without ids); resolves to the problems met. */
  loadSchemes(ids?: string[]): Promise<Problem[]>;
  isLoaded(id: string): boolean;
  /** Resolves once every call is available (after lite: true). */
  full(): Promise<ReturnLoop>;
  schemes(date?: string): Answer<SchemeSummary[]>;
  /** A preset's JSON file as published (fetched the first time). */
  schemeSource(id: string): Promise<Answer<string>>;
  deposit(scheme: string, container: Container, date?: string): Answer<Decision & { currency: string; formatted: string; refundFormatted: string }>;
  quote(scheme: string, items: { container: Container; count: number | bigint }[], date?: string): Answer<{
    currency: string; totalMinor: number; refundMinor: number; nonRefundableFeeMinor: number; eligibleCount: number;
    formatted: string; refundFormatted: string;
    lines: (Decision & { container: Container; count: number; lineMinor: number; lineRefundMinor: number;
      lineNonRefundableFeeMinor: number; formatted: string; lineFormatted: string })[] }>;
  validateScheme(jsonText: string): Answer<{ ok: boolean; id: string; errors: Problem[] }>;
  /** Validates and, when valid, keeps the scheme as "user:<id>" for deposit() and quote(). */
  useScheme(jsonText: string): Answer<{ ok: boolean; id: string; errors: Problem[] }>;
  formatMoney(amountMinor: number | bigint, currency: string, locale?: string): Answer<string>;
  formatNumber(value: number, locale?: string, maxFractionDigits?: number): Answer<string>;
  parseMoney(text: string, currency: string): Answer<{ amountMinor: number }>;
  /** A count as typed: ASCII or full-width digits, separators, 千/万/亿/万亿 ("1410亿"); at most max (default 2^53 - 1). */
  parseCount(text: string, max?: number): Answer<{ value: number }>;
  predictReturnRate(schemeOrWhatIf: string | { refundMinor: number; currency: string; year?: number;
    returnToRetail?: boolean; yearsInForce?: number }, date?: string): Answer<Record<string, unknown>>;
  /** A household's year: deposits, refunds, what is left (leftOnTableMinor), CO2e, energy and equivalents, each with its
   * sources; `text` has each figure the page shows worded by the core in `locale` (default: the API's locale). */
  household(params: { scheme: string; lines: { container: Container; count: number; per?: 'week' | 'month' | 'year';
    massG?: number }[]; returnRate?: number | null; date?: string; locale?: string; factorSet?: string; carbonPrice?: string;
    draws?: number; seed?: number }): Answer<Record<string, unknown> & { text: HouseholdText }>;
  /** A what-if scheme projected with the return-rate model and a Monte Carlo band. */
  project(params: { depositMinor: number; currency: string; containersPerYear: number; returnToRetail?: boolean;
    yearsInForce?: number; date?: string; factorSet?: string; carbonPrice?: string; draws?: number; seed?: number }): Answer<Record<string, unknown>>;
  /** The what-if's starting figures for a scheme id (full module); sourced: false where ReturnLoop has none. */
  whatIfDefaults(params: { jurisdiction: string }): Answer<{ jurisdiction: string; sourced: boolean; population?: SourcedCount;
    containersPlaced?: SourcedCount; containersPerPerson?: SourcedCount }>;
  factors(): Answer<Record<string, unknown>>;
  modelInfo(): Answer<Record<string, unknown>>;
  /** The core's id lists and input limits (full module): what the editor's form offers. */
  tables(): Answer<{ materials: string[]; categories: string[]; currencies: string[]; statuses: string[]; scopes: string[]; qualities: string[]; limits: { containersPerWeek: number } }>;
  /** The core's input limits, from data/start.json (written by the build from tables()). */
  limits(): { containersPerWeek: number };
}

/** A figure a what-if starts from: its source's id (empty for an assumption) and the year it is for. */
export interface SourcedCount { value: number; sourceId: string; year: number; assumption: boolean }

/** A household's figures as the page shows them (money in the currency's style, percentages, 3 significant digits). */
export interface HouseholdText {
  deposits: string; refund: string; unreturned: string; leftOnTable: string; nonRefundableFees: string;
  rate: string; rateLow: string; rateHigh: string; notReturned: string; containersPerYear: string; coveredPerYear: string;
  kgCo2e: string; mj: string; kwh: string; equivalents: string[]; lines: { perYear: string; amount: string; deposits: string }[];
}

export default function createReturnLoop(options?: Options): Promise<ReturnLoop>;
export function todayIso(now?: Date): string;
