"""The stylesheet of the HTML report (inline: the page makes no requests of any kind)."""

CSS = """
:root{--blue:#005EB8;--dark:#003087;--ink:#212B32;--muted:#4C6272;--line:#D8DDE0;--bg:#F0F4F5;
--green:#007F3B;--red:#DA291C;--amber:#ED8B00;--pale-red:#FDECEA;--pale-green:#E6F2EC;--pale-amber:#FFF4E0}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;font:15px/1.5 Arial,"Liberation Sans","Helvetica Neue",sans-serif;color:var(--ink)}
a{color:var(--blue)}
a:focus{outline:3px solid #FFEB3B;background:#FFEB3B;color:var(--ink)}
code,.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:.86em}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
header.mast{background:var(--dark);color:#fff;padding:26px 0 30px}
header.mast .wrap{display:flex;gap:24px;align-items:center;justify-content:space-between;flex-wrap:wrap}
.kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;opacity:.8;margin:0 0 4px}
header.mast h1{font-size:30px;line-height:1.2;margin:0 0 6px}
header.mast .meta{margin:0;opacity:.9;font-size:14px}
.verdict{display:flex;align-items:center;gap:14px;background:#fff;color:var(--ink);border-radius:10px;
padding:14px 22px;min-width:260px;box-shadow:0 2px 0 rgba(0,0,0,.25)}
.verdict .icon{width:44px;height:44px;border-radius:50%;display:flex;align-items:center;justify-content:center;
font-size:26px;font-weight:700;color:#fff;flex:none}
.verdict b{display:block;font-size:21px;line-height:1.2}
.verdict small{color:var(--muted)}
.v0 .icon{background:var(--green)}.v1 .icon{background:var(--red)}.v2 .icon{background:var(--amber)}
main{padding:26px 0 40px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:14px;margin:0 0 18px}
.tile{background:#fff;border-radius:8px;padding:14px 16px;border-top:5px solid var(--blue)}
.tile .n{font-size:32px;font-weight:700;line-height:1.1;display:block}
.tile .l{color:var(--muted);font-size:13px}
.t-ok{border-color:var(--green)}.t-bad{border-color:var(--red)}.t-warn{border-color:var(--amber)}
.t-grey{border-color:#AEB7BD}
.strip-caption{margin:2px 0 0;color:var(--muted);font-size:13px}
.strip{display:flex;flex-wrap:wrap;gap:3px;margin:6px 0 16px}
.strip a{width:18px;height:18px;border-radius:3px;display:block}
.s-passed{background:var(--green)}.s-failed{background:var(--red)}.s-waived{background:#AE2573}
.s-error{background:var(--amber)}.s-not_applicable{background:#C7CED3}
section.doc{background:#fff;border-radius:10px;padding:6px 28px 24px;margin:0 0 26px;
box-shadow:0 1px 0 var(--line)}
section.doc>h2{font-size:22px;margin:18px 0 2px;word-break:break-all}
section.doc h3{font-size:19px;margin:30px 0 4px;padding-top:14px;border-top:1px solid var(--line)}
section.doc h3:first-of-type{border-top:0;margin-top:10px}
.lede{color:var(--muted);margin:0 0 14px;max-width:80ch}
.muted{color:var(--muted)}
.pill{display:inline-block;border-radius:99px;padding:1px 10px;font-size:12px;font-weight:700;
text-transform:uppercase;letter-spacing:.04em;white-space:nowrap}
.sev-error{background:var(--red);color:#fff}.sev-warning{background:var(--amber);color:#fff}
.sev-info{background:var(--blue);color:#fff}
.o-passed{background:var(--pale-green);color:var(--green)}.o-failed{background:var(--pale-red);color:var(--red)}
.o-waived{background:#F7E6EF;color:#7C2855}.o-error{background:var(--pale-amber);color:#8A4B00}
.o-not_applicable{background:#EEF1F2;color:var(--muted)}
.findings{list-style:none;padding:0;margin:0}
.finding{border:1px solid var(--line);border-left:6px solid var(--blue);border-radius:6px;padding:10px 14px;
margin:0 0 10px}
.finding.error{border-left-color:var(--red)}.finding.warning{border-left-color:var(--amber)}
.finding.muted-f{opacity:.75;border-left-color:#AEB7BD}
.finding .top{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.finding .rule-title{color:var(--muted)}
.finding .msg{font-weight:700;margin:4px 0;overflow-wrap:anywhere}
.finding dd,.finding code,header.mast h1,header.mast .meta{overflow-wrap:anywhere}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0 0;font-size:13.5px}
.finding dt{color:var(--muted)}.finding dd{margin:0}
.rule-errors{background:var(--pale-amber);border-left:6px solid var(--amber);padding:10px 14px;border-radius:6px;margin:0 0 12px}
.rule-errors ul{margin:4px 0 0}
.nothing{background:var(--pale-green);color:var(--green);padding:12px 16px;border-radius:6px;font-weight:700}
.board{display:grid;grid-template-columns:minmax(0,500px) minmax(0,1fr);gap:30px;align-items:start}
.board>*{min-width:0}
@media (max-width:900px){.board{grid-template-columns:minmax(0,1fr)}}
.board-svg{width:100%;height:auto;display:block}
.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px}
.legend li{display:flex;align-items:center;gap:6px}
table{border-collapse:collapse;width:100%}
table.plain th,table.plain td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;
font-size:13.5px}
table.plain thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
table.plain tr.duplicate td,table.plain tr.orphan td{background:var(--pale-red)}
.seat-list td:first-child{min-width:190px}
.seat-list .who{margin-left:17px}
.seat-list td:nth-child(3){white-space:nowrap}
.dot{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;vertical-align:-1px}
.scroll{overflow-x:auto}
table.matrix{font-size:13px}
table.matrix th,table.matrix td{border:2px solid #fff;padding:7px 8px;vertical-align:top;text-align:left}
table.matrix thead th{background:var(--dark);color:#fff;font-size:12px;vertical-align:bottom}
table.matrix thead th.opt{background:#768692}
table.matrix tbody th{background:#E8EDEE;min-width:150px}
.place-name{display:block;font-size:14px}
.sub,.who{display:block;font-weight:400;color:var(--muted);font-size:12px;line-height:1.3}
td.have{background:var(--pale-green)}
td.have .mark{color:var(--green);font-weight:700;font-size:16px}
td.gap{background:var(--red);color:#fff;font-weight:700}
td.gap .mark{font-size:16px}td.gap .who{color:#fff}
td.opt.have{background:#F2F7F4}td.none{color:#AEB7BD;text-align:center}
.bad{color:var(--red);font-weight:700}
.gap-key{display:inline-block;background:var(--red);color:#fff;border-radius:3px;padding:0 6px;font-weight:700}
.ok-key{display:inline-block;background:var(--green);color:#fff;border-radius:3px;padding:0 6px;font-weight:700}
table.matrix td:last-child{min-width:130px}
.matrix-note{margin:0 0 8px;font-size:13.5px}
.acc-svg{display:block;max-width:none}
.acc-legend{font-size:13px;color:var(--muted)}
details{margin:8px 0}
summary{cursor:pointer;color:var(--blue);font-weight:700}
table.rules td,table.rules th{border-bottom:1px solid var(--line);padding:8px;text-align:left;vertical-align:top;
font-size:13.5px}
table.rules thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
table.rules tr.failed td{background:#FFF8F7}
table.rules tr:target td{background:#FFF9C4}
.cites{margin:0;padding-left:18px;color:var(--muted);font-size:12.5px}
.unverified{background:var(--pale-amber);color:#8A4B00;border-radius:3px;padding:0 4px;font-size:11px}
.source{border:1px solid var(--line);border-radius:6px;overflow-x:auto;font-size:12.5px;max-height:640px;
overflow-y:auto}
.line{display:flex;white-space:pre;line-height:1.55}
.line .no{flex:none;width:54px;text-align:right;padding-right:10px;color:#AEB7BD;text-decoration:none;
border-right:1px solid var(--line);user-select:none}
.line code{padding-left:10px;font-size:1em}
.line.hit{background:var(--pale-red)}.line.hit .no{color:var(--red);font-weight:700}
.line:target{background:#FFF59D}
.line .tag{margin-left:auto;padding:0 8px;color:var(--red);font-weight:700;font-size:11px;font-family:Arial,sans-serif}
.skip{color:var(--muted);padding:2px 0 2px 64px;font-style:italic}
nav.docs{background:#fff;border-radius:8px;padding:10px 16px;margin:0 0 18px}
nav.docs ol{margin:0;padding-left:20px}
footer{color:var(--muted);font-size:12.5px;padding:0 0 30px}
@media (max-width:600px){.wrap{padding:0 12px}section.doc{padding:4px 14px 18px}header.mast h1{font-size:24px}
.verdict{min-width:0;width:100%}.seat-list td:first-child{min-width:0}}
@media print{html{background:#fff}section.doc{box-shadow:none;padding:0}.source{max-height:none}
header.mast{background:#fff;color:var(--ink);border-bottom:4px solid var(--dark)}}
"""
