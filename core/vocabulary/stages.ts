import { Locale, Localized, fold } from './locale';

export interface StageInfo {
  readonly id: string;
  /** position in the usual journey order, 0-based */
  readonly order: number;
  readonly names: Localized;
  /** other words people type for this stage, per language (display names are included automatically) */
  readonly synonyms: Readonly<Record<Locale, readonly string[]>>;
  readonly description: Localized;
}

const s = (
  id: string,
  names: Localized,
  synonyms: Record<Locale, string[]>,
  description: Localized,
): Omit<StageInfo, 'order'> => ({ id, names, synonyms, description });

/** Built-in stages in the order a journey usually runs. A map may use its own ids too. */
export const STAGES: readonly StageInfo[] = [
  s('need', { en: 'Need', ru: 'Потребность', pl: 'Potrzeba' },
    { en: ['trigger', 'problem'], ru: ['проблема', 'триггер'], pl: ['problem', 'bodziec'] },
    { en: 'Something makes the customer realise they have a problem to solve.', ru: 'Клиент осознаёт, что у него есть задача или проблема.', pl: 'Klient uświadamia sobie, że ma problem do rozwiązania.' }),
  s('awareness', { en: 'Awareness', ru: 'Осведомленность', pl: 'Świadomość' },
    { en: ['discovery', 'attention'], ru: ['осведомлённость', 'узнавание', 'знакомство', 'осознание'], pl: ['odkrycie', 'uwaga'] },
    { en: 'The customer first learns that the brand or product exists.', ru: 'Клиент впервые узнаёт о бренде или продукте.', pl: 'Klient po raz pierwszy dowiaduje się o marce lub produkcie.' }),
  s('consideration', { en: 'Consideration', ru: 'Рассмотрение', pl: 'Rozważanie' },
    { en: ['research', 'evaluation', 'comparison'], ru: ['изучение', 'сравнение', 'поиск', 'оценка'], pl: ['porównanie', 'ocena', 'research'] },
    { en: 'The customer researches and compares options.', ru: 'Клиент изучает и сравнивает варианты.', pl: 'Klient szuka informacji i porównuje opcje.' }),
  s('decision', { en: 'Decision', ru: 'Решение', pl: 'Decyzja' },
    { en: ['choice', 'intent'], ru: ['выбор'], pl: ['wybór'] },
    { en: 'The customer chooses a product and a provider.', ru: 'Клиент делает выбор продукта и поставщика.', pl: 'Klient wybiera produkt i dostawcę.' }),
  s('purchase', { en: 'Purchase', ru: 'Покупка', pl: 'Zakup' },
    { en: ['buy', 'checkout', 'order', 'conversion', 'payment'], ru: ['оформление', 'заказ', 'оплата'], pl: ['zamówienie', 'płatność', 'kasa'] },
    { en: 'The customer orders and pays.', ru: 'Клиент оформляет заказ и платит.', pl: 'Klient składa zamówienie i płaci.' }),
  s('delivery', { en: 'Delivery', ru: 'Доставка', pl: 'Dostawa' },
    { en: ['fulfilment', 'fulfillment', 'shipping'], ru: ['получение'], pl: ['odbiór', 'wysyłka'] },
    { en: 'The product or service reaches the customer.', ru: 'Продукт или услуга доходит до клиента.', pl: 'Produkt lub usługa trafia do klienta.' }),
  s('onboarding', { en: 'Onboarding', ru: 'Онбординг', pl: 'Onboarding' },
    { en: ['activation', 'setup', 'first use'], ru: ['подключение', 'активация', 'первое использование'], pl: ['wdrożenie', 'aktywacja', 'pierwsze użycie'] },
    { en: 'The customer sets up and first uses what they bought.', ru: 'Клиент настраивает продукт и начинает им пользоваться.', pl: 'Klient konfiguruje produkt i zaczyna z niego korzystać.' }),
  s('usage', { en: 'Usage', ru: 'Использование', pl: 'Użytkowanie' },
    { en: ['use', 'service', 'experience'], ru: ['обслуживание', 'эксплуатация'], pl: ['korzystanie', 'obsługa'] },
    { en: 'Everyday use of the product or service.', ru: 'Повседневное использование продукта или услуги.', pl: 'Codzienne korzystanie z produktu lub usługi.' }),
  s('support', { en: 'Support', ru: 'Поддержка', pl: 'Wsparcie' },
    { en: ['help', 'after-sales', 'care'], ru: ['сервис', 'обращение', 'послепродажное обслуживание'], pl: ['pomoc', 'serwis', 'posprzedaż'] },
    { en: 'The customer asks for help or after-sales service.', ru: 'Клиент обращается за помощью или сервисом.', pl: 'Klient prosi o pomoc lub serwis posprzedażowy.' }),
  s('retention', { en: 'Retention', ru: 'Удержание', pl: 'Utrzymanie' },
    { en: ['renewal', 'repeat purchase'], ru: ['продление', 'повторная покупка'], pl: ['retencja', 'odnowienie', 'ponowny zakup'] },
    { en: 'The customer stays, renews or buys again.', ru: 'Клиент остаётся, продлевает или покупает снова.', pl: 'Klient zostaje, odnawia lub kupuje ponownie.' }),
  s('loyalty', { en: 'Loyalty', ru: 'Лояльность', pl: 'Lojalność' },
    { en: ['commitment'], ru: ['приверженность'], pl: ['przywiązanie'] },
    { en: 'The customer prefers the brand over alternatives.', ru: 'Клиент предпочитает бренд альтернативам.', pl: 'Klient przedkłada markę nad alternatywy.' }),
  s('advocacy', { en: 'Advocacy', ru: 'Рекомендация', pl: 'Rekomendacja' },
    { en: ['referral', 'recommendation', 'promotion'], ru: ['пропаганда', 'адвокация', 'рекомендации'], pl: ['polecenie', 'polecanie'] },
    { en: 'The customer recommends the brand to others.', ru: 'Клиент рекомендует бренд другим.', pl: 'Klient poleca markę innym.' }),
].map((st, order) => ({ ...st, order }));

const byId = new Map(STAGES.map((st) => [st.id, st]));

export function builtinStage(id: string): StageInfo | undefined {
  return byId.get(id);
}

/** Every word (id, display names, synonyms in all languages) that names the stage, folded. */
export function stageWords(st: StageInfo): string[] {
  const words = [st.id, ...Object.values(st.names)];
  for (const list of Object.values(st.synonyms)) words.push(...list);
  return words.map(fold);
}

/** Built-in stages a typed prefix (in any of the languages) points at, best first. */
export function matchStages(typed: string): StageInfo[] {
  const q = fold(typed.trim());
  if (!q) return [...STAGES];
  const scored: Array<[number, StageInfo]> = [];
  for (const st of STAGES) {
    const words = stageWords(st);
    if (words.some((w) => w.startsWith(q))) scored.push([0, st]);
    else if (words.some((w) => w.includes(q))) scored.push([1, st]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].order - b[1].order).map(([, st]) => st);
}

/** The built-in stage that usually follows the last built-in one a map already has. */
export function nextExpectedStage(existingIds: readonly string[]): StageInfo | undefined {
  let last = -1;
  for (const id of existingIds) {
    const st = byId.get(id);
    if (st && st.order > last) last = st.order;
  }
  const used = new Set(existingIds);
  return STAGES.find((st) => st.order > last && !used.has(st.id));
}
