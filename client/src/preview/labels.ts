/** The webview chrome's words in VS Code's display language (the map's own labels live in render/labels.ts). */
import type { Locale } from '@cjm/core';
import type { UiLabels } from './protocol';

const UI: Record<Locale, UiLabels & { exportTitle: string; exportFormats: Record<'html' | 'svg' | 'png' | 'md', string>; exported: string; exportFailed: string; open: string }> = {
  en: {
    zoomIn: 'Zoom in', zoomOut: 'Zoom out', zoomReset: 'Zoom level: click to reset to 100%', fit: 'Fit width', map: 'Map', mermaid: 'Mermaid', insights: 'Insights',
    locked: 'Locked', unlocked: 'Follows editor', export: 'Export…',
    errorsTitle: 'This map has errors.', staleNote: 'Showing the last version that could be read.', line: 'line',
    mermaidLoading: 'Loading Mermaid…', mermaidFailed: 'Mermaid could not draw this map:',
    exportTitle: 'Export the journey map as', exportFormats: { html: 'HTML page (standalone, no scripts)', svg: 'SVG picture', png: 'PNG image', md: 'Markdown with a Mermaid journey' },
    exported: 'Exported to {0}', exportFailed: 'Export failed: {0}', open: 'Open',
  },
  ru: {
    zoomIn: 'Увеличить', zoomOut: 'Уменьшить', zoomReset: 'Масштаб: нажмите, чтобы вернуть 100 %', fit: 'По ширине', map: 'Карта', mermaid: 'Mermaid', insights: 'Выводы',
    locked: 'Закреплено', unlocked: 'Следует за редактором', export: 'Экспорт…',
    errorsTitle: 'В карте есть ошибки.', staleNote: 'Показана последняя версия, которую удалось прочитать.', line: 'строка',
    mermaidLoading: 'Загрузка Mermaid…', mermaidFailed: 'Mermaid не смог нарисовать карту:',
    exportTitle: 'Экспортировать карту как', exportFormats: { html: 'HTML-страница (автономная, без скриптов)', svg: 'Изображение SVG', png: 'Изображение PNG', md: 'Markdown с диаграммой Mermaid journey' },
    exported: 'Экспортировано в {0}', exportFailed: 'Экспорт не удался: {0}', open: 'Открыть',
  },
  pl: {
    zoomIn: 'Powiększ', zoomOut: 'Pomniejsz', zoomReset: 'Powiększenie: kliknij, aby przywrócić 100 %', fit: 'Dopasuj szerokość', map: 'Mapa', mermaid: 'Mermaid', insights: 'Wnioski',
    locked: 'Zablokowany', unlocked: 'Podąża za edytorem', export: 'Eksportuj…',
    errorsTitle: 'Mapa zawiera błędy.', staleNote: 'Pokazano ostatnią wersję, którą udało się odczytać.', line: 'wiersz',
    mermaidLoading: 'Ładowanie Mermaid…', mermaidFailed: 'Mermaid nie mógł narysować mapy:',
    exportTitle: 'Eksportuj mapę jako', exportFormats: { html: 'Strona HTML (samodzielna, bez skryptów)', svg: 'Obraz SVG', png: 'Obraz PNG', md: 'Markdown z diagramem Mermaid journey' },
    exported: 'Wyeksportowano do {0}', exportFailed: 'Eksport nie powiódł się: {0}', open: 'Otwórz',
  },
};

export function uiLabels(locale: Locale) {
  return UI[locale];
}
