import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, core, threads, shape, trans, q1, med, q3 = line.rstrip('\n').split('\t')
    d[(core, threads, shape, trans, label.split()[0])].append(float(med))
print('| core | threads | m × n × k | op(A)op(B) | 0.3.19 µs, medians per round | 0.3.31 µs, medians per round | 0.3.31 / 0.3.19, median of rounds |')
print('|---|---:|---|---|---|---|---:|')
for key in sorted({k[:4] for k in d}, key=lambda k: (k[0] != 'SkylakeX', k[1], k[3], k[2])):
    old, new = d[key + ('old',)], d[key + ('new',)]
    ratio = statistics.median(new) / statistics.median(old)
    print(f'| {key[0]} | {key[1]} | {key[2].replace("x", " × ")} | {key[3]} | {" ".join(f"{x:.1f}" for x in old)} | {" ".join(f"{x:.1f}" for x in new)} | {ratio:.2f} |')
