/**
 * Starter maps for "CJM: New Journey Map" (and any other face that creates a map): one per
 * kind, in English, Russian or Polish, with comments that explain each part to someone who
 * has never written YAML. The sample content is in the map's language too: ids, stages and
 * emotions, kinds, levels, channel types and statuses are written as a writer of that language
 * would (`покупка`, `тревога`, `текущее состояние`), through the same words completion inserts. Every template is a valid map (a test analyses each one).
 */
import type { Locale } from './vocabulary/locale';
import { MAP_KINDS } from './vocabulary/kinds';
import { EMOTIONS } from './vocabulary/emotions';
import { STAGES } from './vocabulary/stages';
import { emotionWord, enumWord, stageIdWord } from './authorWords';

type Words = {
  intro: string;
  help: string;
  title: Record<string, string>;
  persona: string;
  /** ids of the two channels and of the two steps, in the map's language */
  ids: { web: string; app: string; sees: string; pays: string; wake: string; lunch: string; plans: string; morning: string; work: string; evening: string };
  personaComment: string;
  personaName: string;
  employeeName: string;
  channelComment: string;
  web: string;
  app: string;
  stagesComment: string;
  stepComment: string;
  emotionComment: string;
  steps: { seeName: string; seeTouchpoint: string; seeThought: string; buyName: string; buyTouchpoint: string; pain: string; idea: string };
  blueprintComment: string;
  libraryComment: string;
  frontstage: string;
  backstage: string;
  day: { morning: string; work: string; evening: string; wake: string; commute: string; home: string };
};

const WORDS: Record<Locale, Words> = {
  en: {
    intro: 'A customer journey map. Each part is explained in a comment; delete the comments when you no longer need them.',
    help: 'Hover a key for help; Ctrl+Space suggests keys, stages, emotions and ids. Ctrl+K V opens the preview.',
    title: { 'current-state': 'First order in our online shop', 'future-state': 'First order, as it should be', 'service-blueprint': 'Ordering online: service blueprint', 'day-in-the-life': 'A day in the life of our customer', 'internal-process': 'Onboarding a new employee', library: 'Shared personas and channels' },
    persona: 'customer',
    ids: { web: 'web', app: 'app', sees: 'sees-ad', pays: 'pays', wake: 'wake-up', lunch: 'lunch', plans: 'plans', morning: 'morning', work: 'work', evening: 'evening' },
    personaComment: 'Who the map is drawn for. Steps see the journey through the map\'s `persona:`.',
    personaName: 'Anna, 34, busy parent',
    employeeName: 'Piotr, new sales manager',
    channelComment: 'Where the customer meets you. Steps refer to these ids with `channel:`.',
    web: 'Website',
    app: 'Mobile app',
    stagesComment: 'Stages run left to right in time. Built-in stages ({stages}…) are known by their id; any other id works too.',
    stepComment: 'A step: what the customer does, thinks and feels at this point.',
    emotionComment: 'How the customer feels: a word ({emotions}…) or a score from -3 to +3.',
    steps: { seeName: 'Sees an ad', seeTouchpoint: 'Social media ad', seeThought: 'Is this what I need?', buyName: 'Pays for the order', buyTouchpoint: 'Checkout page', pain: 'Delivery cost appears only at the last step', idea: 'Show the delivery cost on the product page' },
    libraryComment: 'A library holds no journey: maps take its personas, channels, teams and sources with `use: [path/to/this-file.cjm]`.',
    blueprintComment: 'Service blueprints add what staff do in front of the customer and what happens behind the scenes.',
    frontstage: 'Support chat answers questions',
    backstage: 'Warehouse reserves the items',
    day: { morning: 'Morning', work: 'At work', evening: 'Evening', wake: 'Checks the phone after waking up', commute: 'Orders lunch on the way', home: 'Plans the weekend' },
  },
  ru: {
    intro: 'Карта пути клиента (CJM). Каждая часть объяснена в комментарии; удалите комментарии, когда они станут не нужны.',
    help: 'Наведите курсор на ключ, чтобы увидеть подсказку; Ctrl+Space предлагает ключи, этапы, эмоции и id. Ctrl+K V открывает предпросмотр.',
    title: { 'current-state': 'Первый заказ в интернет-магазине', 'future-state': 'Первый заказ: каким он должен быть', 'service-blueprint': 'Заказ онлайн: сервисный блупринт', 'day-in-the-life': 'Один день из жизни клиента', 'internal-process': 'Адаптация нового сотрудника', library: 'Общие персоны и каналы' },
    persona: 'клиент',
    ids: { web: 'сайт', app: 'приложение', sees: 'видит-рекламу', pays: 'оплачивает', wake: 'просыпается', lunch: 'обед', plans: 'планы', morning: 'утро', work: 'работа', evening: 'вечер' },
    personaComment: 'Для кого нарисована карта. Шаги видят путь глазами персоны из `persona:`.',
    personaName: 'Анна, 34 года, занятая мама',
    employeeName: 'Пётр, новый менеджер по продажам',
    channelComment: 'Где клиент встречается с компанией. Шаги ссылаются на эти id через `channel:`.',
    web: 'Сайт',
    app: 'Мобильное приложение',
    stagesComment: 'Этапы идут слева направо во времени. Встроенные этапы ({stages}…) cjm узнаёт по id, по-русски или по-английски; подойдёт и любой другой id.',
    stepComment: 'Шаг: что клиент делает, думает и чувствует в этот момент.',
    emotionComment: 'Что чувствует клиент: слово ({emotions}…) или оценка от -3 до +3.',
    steps: { seeName: 'Видит рекламу', seeTouchpoint: 'Реклама в соцсетях', seeThought: 'Это то, что мне нужно?', buyName: 'Оплачивает заказ', buyTouchpoint: 'Страница оформления', pain: 'Стоимость доставки видна только на последнем шаге', idea: 'Показывать стоимость доставки на странице товара' },
    libraryComment: 'Библиотека не описывает путь: карты берут из неё персоны, каналы, команды и источники через `use: [путь/к/этому-файлу.cjm]`.',
    blueprintComment: 'Сервисный блупринт добавляет, что делают сотрудники на виду у клиента и что происходит за кулисами.',
    frontstage: 'Чат поддержки отвечает на вопросы',
    backstage: 'Склад резервирует товары',
    day: { morning: 'Утро', work: 'На работе', evening: 'Вечер', wake: 'Проверяет телефон после пробуждения', commute: 'Заказывает обед по дороге', home: 'Планирует выходные' },
  },
  pl: {
    intro: 'Mapa podróży klienta (CJM). Każda część jest wyjaśniona w komentarzu; usuń komentarze, gdy nie będą już potrzebne.',
    help: 'Najedź na klucz, aby zobaczyć pomoc; Ctrl+Spacja podpowiada klucze, etapy, emocje i id. Ctrl+K V otwiera podgląd.',
    title: { 'current-state': 'Pierwsze zamówienie w sklepie internetowym', 'future-state': 'Pierwsze zamówienie: jak powinno wyglądać', 'service-blueprint': 'Zamówienie online: blueprint usługi', 'day-in-the-life': 'Dzień z życia klienta', 'internal-process': 'Wdrożenie nowego pracownika', library: 'Wspólne persony i kanały' },
    persona: 'klient',
    ids: { web: 'www', app: 'aplikacja', sees: 'widzi-reklamę', pays: 'płaci', wake: 'pobudka', lunch: 'lunch', plans: 'plany', morning: 'rano', work: 'praca', evening: 'wieczór' },
    personaComment: 'Dla kogo jest mapa. Kroki widzą podróż oczami persony z `persona:`.',
    personaName: 'Ola, 29 lat, pracuje zdalnie',
    employeeName: 'Piotr, nowy handlowiec',
    channelComment: 'Gdzie klient spotyka firmę. Kroki wskazują te id przez `channel:`.',
    web: 'Strona internetowa',
    app: 'Aplikacja mobilna',
    stagesComment: 'Etapy biegną od lewej do prawej w czasie. Wbudowane etapy ({stages}…) cjm rozpoznaje po id, po polsku lub po angielsku; każde inne id też działa.',
    stepComment: 'Krok: co klient robi, myśli i czuje w tym momencie.',
    emotionComment: 'Co czuje klient: słowo ({emotions}…) lub ocena od -3 do +3.',
    steps: { seeName: 'Widzi reklamę', seeTouchpoint: 'Reklama w mediach społecznościowych', seeThought: 'Czy to jest to, czego szukam?', buyName: 'Płaci za zamówienie', buyTouchpoint: 'Strona kasy', pain: 'Koszt dostawy widać dopiero na ostatnim kroku', idea: 'Pokazać koszt dostawy na stronie produktu' },
    libraryComment: 'Biblioteka nie opisuje ścieżki: mapy biorą z niej persony, kanały, zespoły i źródła przez `use: [ścieżka/do/tego-pliku.cjm]`.',
    blueprintComment: 'Blueprint usługi dodaje, co pracownicy robią na oczach klienta i co dzieje się za kulisami.',
    frontstage: 'Czat pomocy odpowiada na pytania',
    backstage: 'Magazyn rezerwuje towary',
    day: { morning: 'Rano', work: 'W pracy', evening: 'Wieczorem', wake: 'Sprawdza telefon po przebudzeniu', commute: 'Zamawia lunch w drodze', home: 'Planuje weekend' },
  },
};

/** A one-line explanation of a map kind in the given language: the language pack's description. */
export function kindHint(kind: string, locale: Locale): string {
  return MAP_KINDS.find((k) => k.id === kind)?.descriptions[locale] ?? '';
}

/** Plain when YAML reads it back as the same text, quoted otherwise. */
const q = (s: string) => (/^[\p{L}][^:#'"[\]{},&*!|>%@`]*$/u.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s));

const emotion = (id: string, locale: Locale) => emotionWord(EMOTIONS.find((e) => e.id === id)!, locale);
const stage = (id: string, locale: Locale) => stageIdWord(STAGES.find((s) => s.id === id)!, locale);
/** The examples a comment gives, in the map's language. */
const EXAMPLE_STAGES = ['awareness', 'consideration', 'decision', 'purchase', 'onboarding', 'retention', 'advocacy'];
const EXAMPLE_EMOTIONS = ['happy', 'curious', 'anxious', 'frustrated'];

/** A small, valid starter map of the given kind, commented in the given language. */
export function mapTemplate(kind: string, locale: Locale): string {
  const w = WORDS[locale];
  const ids = w.ids;
  const stagesComment = w.stagesComment.replace('{stages}', EXAMPLE_STAGES.map((id) => stage(id, locale)).join(', '));
  const emotionComment = w.emotionComment.replace('{emotions}', EXAMPLE_EMOTIONS.map((id) => emotion(id, locale)).join(', '));
  const k = MAP_KINDS.some((m) => m.id === kind) ? kind : 'current-state';
  const blueprint = k === 'service-blueprint';
  const future = k === 'future-state';
  const lines: string[] = [
    `# ${w.intro}`,
    `# ${w.help}`,
    'cjm: 1',
    `title: ${q(w.title[k])}`,
    `kind: ${q(enumWord('kind', k, locale))}`,
    `language: ${locale}`,
    `# ${w.personaComment}`,
    `persona: ${w.persona}`,
    'personas:',
    `  - id: ${w.persona}`,
    `    name: ${q(k === 'internal-process' ? w.employeeName : w.personaName)}`,
    `# ${w.channelComment}`,
    'channels:',
    `  - id: ${ids.web}`,
    `    name: ${q(w.web)}`,
    `    type: ${q(enumWord('type', 'web', locale, 'channelType'))}`,
    `  - id: ${ids.app}`,
    `    name: ${q(w.app)}`,
    `    type: ${q(enumWord('type', 'mobile-app', locale, 'channelType'))}`,
  ];
  // A library has no journey of its own: maps take its declarations with `use:`.
  if (k === 'library') return [...lines.slice(0, 6), `# ${w.libraryComment}`, ...lines.slice(6).filter((l) => !l.startsWith('persona: '))].join('\n') + '\n';
  lines.push(`# ${stagesComment}`, 'stages:');
  type StepText = { id: string; name: string; channel: string; emotion: string; touchpoint?: string; thoughts?: string; pain?: string; idea?: string; first?: boolean };
  // Keys in the schema's order, so the template is already in the formatter's layout.
  const step = (s: StepText) => {
    if (s.first) lines.push(`      # ${w.stepComment}`);
    lines.push(`      - id: ${s.id}`, `        name: ${q(s.name)}`);
    if (s.touchpoint) lines.push(`        touchpoint: ${q(s.touchpoint)}`);
    lines.push(`        channel: ${s.channel}`);
    if (s.thoughts) lines.push(`        thoughts: ${q(s.thoughts)}`);
    if (s.first) lines.push(`        # ${emotionComment}`);
    lines.push(`        emotion: ${q(emotion(s.emotion, locale))}`);
    if (s.pain) lines.push('        pains:', `          - ${q(s.pain)}`);
    if (s.idea) lines.push('        opportunities:', `          - text: ${q(s.idea)}`, `            impact: ${q(enumWord('impact', 'high', locale))}`, `            effort: ${q(enumWord('effort', 'low', locale))}`, `            status: ${q(enumWord('status', 'idea', locale))}`);
    if (blueprint && s.idea) lines.push(`        # ${w.blueprintComment}`, `        frontstage: ${q(w.frontstage)}`, `        backstage: ${q(w.backstage)}`);
  };
  if (k === 'day-in-the-life') {
    lines.push(`  - id: ${ids.morning}`, `    name: ${q(w.day.morning)}`, '    steps:');
    step({ id: ids.wake, name: w.day.wake, channel: ids.app, emotion: 'neutral', first: true });
    lines.push(`  - id: ${ids.work}`, `    name: ${q(w.day.work)}`, '    steps:');
    step({ id: ids.lunch, name: w.day.commute, channel: ids.app, emotion: 'satisfied' });
    lines.push(`  - id: ${ids.evening}`, `    name: ${q(w.day.evening)}`, '    steps:');
    step({ id: ids.plans, name: w.day.home, channel: ids.web, emotion: 'happy' });
    return lines.join('\n') + '\n';
  }
  lines.push(`  - id: ${stage('awareness', locale)}`, '    steps:');
  step({ id: ids.sees, name: w.steps.seeName, touchpoint: w.steps.seeTouchpoint, channel: ids.app, thoughts: w.steps.seeThought, emotion: 'curious', first: true });
  lines.push(`  - id: ${stage('purchase', locale)}`, '    steps:');
  step({ id: ids.pays, name: w.steps.buyName, touchpoint: w.steps.buyTouchpoint, channel: ids.web, emotion: future ? 'satisfied' : 'anxious', pain: future ? undefined : w.steps.pain, idea: w.steps.idea });
  return lines.join('\n') + '\n';
}
