// A report whose every page-controlled string is an attack: script tags,
// event-handler attributes, javascript: URLs. Renderers must show these as
// text and never run them (tests of the HTML report and the web viewer).
export const HOSTILE_MARKERS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  'javascript:window.__pwned=3',
  '<a href="javascript:window.__pwned=4">click</a>',
  '<svg onload="window.__pwned=5">',
];

/** A copy of `report` with hostile strings in its title, URL, findings and trackers. */
export function hostileReport(report) {
  const [script, img, jsUrl, link, svg] = HOSTILE_MARKERS;
  const r = structuredClone(report);
  r.url = jsUrl;
  r.title = `${script} ${svg}`;
  r.findings = [
    ...(r.findings ?? []),
    {
      id: 'fx', category: 'dark_pattern', type: `scarcity/low_stock${script}`, detector: 'x', severity: 'high', weight: 5,
      title: { de: script, en: script }, explanation: { de: img, en: img },
      evidence: [{ textId: `t1" onmouseover="window.__pwned=6`, text: link, note: svg, requestUrl: jsUrl, cookieName: img }],
    },
  ];
  r.trackers = [...(r.trackers ?? []), { company: link, category: img, hosts: [script, jsUrl], requests: 1, retargeting: true, listed: false }];
  r.warnings = [svg];
  return r;
}
