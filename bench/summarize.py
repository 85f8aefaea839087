#!/usr/bin/env python3
"""Turns bench/out/ (written by bench/run.sh) into the results section of bench/README.md
(between the results markers) and the ratio plot. usage: summarize.py OUTDIR README PNG"""
import collections, csv, os, statistics, subprocess, sys

out, readme, png = sys.argv[1:4]
raw = collections.defaultdict(dict)  # (system, metric) -> {rep: (value, cpu)}
with open(os.path.join(out, 'raw.tsv')) as f:
    for row in csv.DictReader(f, delimiter='\t'):
        raw[(row['system'], row['metric'])][int(row['rep'])] = (float(row['value']), float(row['cpu_us_per_op']))

def fmt(v):
    a = abs(v)
    if a >= 1e6: return '%.2gM' % (v / 1e6) if a < 1e7 else '%.0fM' % (v / 1e6)
    if a >= 1e4: return '%.0fk' % (v / 1e3)
    if a >= 1e3: return '%.1fk' % (v / 1e3)
    if a >= 100: return '%.0f' % v
    if a >= 10: return '%.1f' % v
    return '%.2f' % v

def cell(vals):
    vals = [v for v in vals if v is not None and v >= 0]
    if not vals: return '-'
    return '%s (%s-%s)' % (fmt(statistics.median(vals)), fmt(min(vals)), fmt(max(vals)))

def values(sys_, metric, idx=0):
    return [v[idx] for v in raw.get((sys_, metric), {}).values()]

systems = ['kernel_sysfs', 'kernel_proc_uptime', 'tmpfs', 'c_default', 'c_s', 'lxcfs_proc_uptime',
           'pfs_core', 'pfs_s', 'pfs_t0', 'pfs_demo']
label = {
    'kernel_sysfs': 'kernel sysfs `transparent_hugepage/enabled`', 'kernel_proc_uptime': 'kernel `/proc/uptime`',
    'tmpfs': 'tmpfs', 'c_default': 'C libfuse2, multi-threaded, per-file direct_io',
    'c_s': 'C libfuse2, `-s`, per-file direct_io', 'lxcfs_proc_uptime': 'LXCFS `proc/uptime`',
    'pfs_core': 'pseudofs, core defaults (worker + stall watchdog, timeouts 1 s + invalidation)',
    'pfs_s': 'pseudofs, `-s` (one worker)',
    'pfs_t0': 'pseudofs, `-o attr_timeout=0,entry_timeout=0`',
    'pfs_demo': 'the `pseudofs` launcher (`pseudofs mount --only sys --demo`)'}
pfs = ['pfs_core', 'pfs_s', 'pfs_t0']
L = []
L.append('| system | open+read+close 1 thr, ops/s | 2 thr | 4 thr | server CPU us/op (1 thr) | stat ops/s | readdir 10,000, ms | seq read 64 MiB, MB/s | same, filling reads, MB/s | echo-style write ops/s | ready ms |')
L.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for s in systems:
    L.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
        label[s], cell(values(s, 'openread_t1')), cell(values(s, 'openread_t2')), cell(values(s, 'openread_t4')),
        cell(values(s, 'openread_t1', 1)), cell(values(s, 'stat')), cell(values(s, 'readdir_ms')),
        cell(values(s, 'seqread_MBps')), cell(values(s, 'seqfill_MBps')), cell(values(s, 'write')),
        cell(values(s, 'ready_ms'))))
table = '\n'.join(L)

# Per-repetition ratios, always "pseudofs speed / other speed" (readdir: other ms / pseudofs ms).
def ratio(p, other, metric, invert=False, other_metric=None):
    a, b = raw.get((p, metric), {}), raw.get((other, other_metric or metric), {})
    r = []
    for rep in sorted(set(a) & set(b)):
        x, y = a[rep][0], b[rep][0]
        if x > 0 and y > 0: r.append(y / x if invert else x / y)
    return r
ratio_rows = [  # (name, other, metric, invert, target)
    ('open+read+close 1 thr / C -s', 'c_s', 'openread_t1', False, 0.9),
    ('open+read+close 2 thr / C -s', 'c_s', 'openread_t2', False, 1.0),
    ('open+read+close 4 thr / C -s', 'c_s', 'openread_t4', False, 1.0),
    ('open+read+close 1 thr / C multi-threaded', 'c_default', 'openread_t1', False, 0.9),
    ('open+read+close 2 thr / C multi-threaded', 'c_default', 'openread_t2', False, 1.0),
    ('open+read+close 4 thr / C multi-threaded', 'c_default', 'openread_t4', False, 1.0),
    ('stat / C -s', 'c_s', 'stat', False, 0.9),
    ('readdir speed / C -s (C ms / pseudofs ms)', 'c_s', 'readdir_ms', True, 1 / 1.3),
    ('seq read / C -s (Q7: one buffer per read)', 'c_s', 'seqread_MBps', False, 1.0),
    ('seq read, filling reads (opt-in) / C -s', 'c_s', 'seqfill_MBps', False, 1.0),
    ('echo-style write / C -s', 'c_s', 'write', False, None),
    ('open+read+close 1 thr / LXCFS proc/uptime', 'lxcfs_proc_uptime', 'openread_t1', False, 3.0),
    ('open+read+close 1 thr / kernel sysfs', 'kernel_sysfs', 'openread_t1', False, None),
    ('open+read+close 1 thr / kernel /proc/uptime', 'kernel_proc_uptime', 'openread_t1', False, None),
]
L = ['| ratio (per repetition, median (min-max)) | target | ' + ' | '.join(label[p] for p in pfs) + ' |',
     '|---|---:|' + '---:|' * len(pfs)]
for name, other, metric, inv, target in ratio_rows:
    cells = []
    for p in pfs:
        r = ratio(p, other, metric, inv, 'seqread_MBps' if metric == 'seqfill_MBps' else None)
        c = cell(r)
        if target and r:
            c += ' ✔' if statistics.median(r) >= target else ' ✘'
        cells.append(c)
    L.append('| %s | %s | %s |' % (name, '≥ %.2g' % target if target else '-', ' | '.join(cells)))
ratios = '\n'.join(L)

# Plot: the ratios against C -s, LXCFS and the kernel, log scale, min-max error bars.
plot_rows = [('1 thr', 'c_s', 'openread_t1', False), ('2 thr', 'c_s', 'openread_t2', False),
             ('4 thr', 'c_s', 'openread_t4', False), ('stat', 'c_s', 'stat', False),
             ('readdir', 'c_s', 'readdir_ms', True), ('seq read', 'c_s', 'seqread_MBps', False),
             ('seq filling', 'c_s', 'seqfill_MBps', False),
             ('write', 'c_s', 'write', False), ('1 thr vs LXCFS', 'lxcfs_proc_uptime', 'openread_t1', False),
             ('1 thr vs sysfs', 'kernel_sysfs', 'openread_t1', False)]
dat = os.path.join(out, 'ratios.dat')
with open(dat, 'w') as f:
    for name, other, metric, inv in plot_rows:
        cols = []
        for p in pfs:
            r = ratio(p, other, metric, inv, 'seqread_MBps' if metric == 'seqfill_MBps' else None) or [float('nan')]
            cols += [statistics.median(r), min(r), max(r)]
        f.write('"%s" %s\n' % (name, ' '.join('%.4g' % c for c in cols)))
gp = f'''set terminal pngcairo size 1100,520 font ",10"
set output "{png}"
set termoption noenhanced
set title "pseudofs / other (speed ratio; median, min-max over repetitions); bars 1-8 vs C libfuse2 -s"
set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.8 border -1
set logscale y
set yrange [0.01:20]
set ytics (0.01,0.03,0.1,0.3,1,3,10)
set grid ytics
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "black"
plot "{dat}" using 2:3:4:xtic(1) title "{label['pfs_core']}", \\
     "" using 5:6:7 title "{label['pfs_s'].replace('`', '')}", "" using 8:9:10 title "{label['pfs_t0'].replace('`', '')}"
'''
try:
    subprocess.run(['gnuplot'], input=gp.encode(), check=True)
except (OSError, subprocess.CalledProcessError) as e:
    print('summarize: gnuplot failed:', e, file=sys.stderr)

def read(name):
    p = os.path.join(out, name)
    return open(p).read().strip() if os.path.exists(p) else ''
machine = dict(l.split('=', 1) for l in read('machine.txt').splitlines() if '=' in l)
servers = [l.split('\t') for l in read('servers.tsv').splitlines()]
nodes = [l.split() for l in read('nodes.txt').splitlines()]
huge = read('huge.txt').split('\t')
S = ['| server | RSS after the last repetition, MB | threads |', '|---|---:|---:|']
for name, rss, thr in servers:
    S.append('| %s | %.1f | %s |' % (name, int(rss) / 1024, thr))
N = ['| attributes | heap bytes per attribute (after System.gc()) |', '|---:|---:|']
for count, per in nodes:
    N.append('| %s | %s |' % (f'{int(count):,}', per))
J = []
jmh = os.path.join(out, 'jmh.csv')
if os.path.exists(jmh):
    J = ['| JMH benchmark | mode | score | error (99.9%) | unit |', '|---|---|---:|---:|---|']
    with open(jmh) as f:
        for row in csv.DictReader(f):
            J.append('| %s | %s | %s | %s | %s |' % (row['Benchmark'].replace('dev.pseudofs.bench.jmh.', ''),
                     row['Mode'], fmt(float(row['Score'])), fmt(float(row['Score Error (99.9%)'])), row['Unit']))

section = f'''<!-- results:begin (written by bench/summarize.py; do not edit by hand) -->
Run of {machine.get('date', '?')}: `{machine.get('command', '?')}` on {machine.get('nproc', '?')} vCPU,
kernel {machine.get('kernel', '?')}, {machine.get('jdk', '?')}, libfuse2 {machine.get('libfuse', '?')},
LXCFS {machine.get('lxcfs', '?')}. Load average (1/5/15 min) before the run and after each repetition:
{machine.get('loadavg', '?')}.

Every cell: median (min-max) over the repetitions. Server CPU per op = Δ(utime+stime) of the server
process / ops (clock-tick resolution, 10 ms per timed run).

{table}

**Ratios**, computed per repetition (✔ = median meets the issue-9 target, ✘ = misses it):

{ratios}

![ratios](ratios.png)

**Server memory** (JVM options `-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`, the launcher's):

{chr(10).join(S)}

**Heap per attribute** (NodeMemory: show files, 1,000 per directory, one shared FileOps):

{chr(10).join(N)}

**1 GiB seq file with `-Xmx64m`**: {fmt(float(huge[0].split()[0])) if huge and huge[0] else '?'} MB/s,
server RSS afterwards {int(huge[1]) / 1024 if len(huge) > 1 and huge[1] else float('nan'):.1f} MB, server {huge[2] if len(huge) > 2 and huge[2] else 'dead'}.

{chr(10).join(J)}
<!-- results:end -->'''
text = open(readme).read() if os.path.exists(readme) else ''
b, e = text.find('<!-- results:begin'), text.find('<!-- results:end -->')
if b >= 0 and e >= 0:
    text = text[:b] + section + text[e + len('<!-- results:end -->'):]
else:
    text = text.rstrip() + '\n\n## Results\n\n' + section + '\n'
open(readme, 'w').write(text)
