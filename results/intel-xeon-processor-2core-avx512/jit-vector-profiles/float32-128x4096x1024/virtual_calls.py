"""Per LogCompilation file: the VectorElementwise kernels whose C2 compilation holds a virtual call, and what to."""
import re, sys
for path in sys.argv[1:]:
    found = set()
    task = None
    names = {}
    with open(path, errors='replace') as f:
        for line in f:
            if line.startswith('<task '):
                m = re.search(r"method='([^']*)'", line)
                c2 = "level=" not in line or "level='4'" in line
                task = m.group(1) if m and 'VectorElementwise' in m.group(1) and c2 else None
                names = {}
            elif task is None:
                continue
            elif line.startswith('</task>'):
                task = None
            elif line.startswith('<method '):
                mid = re.search(r" id='(\d+)'", line); nm = re.search(r" name='([^']*)'", line)
                if mid and nm: names[mid.group(1)] = nm.group(1)
            elif line.startswith('<call '):
                mid = re.search(r" method='(\d+)'", line)
                called = names.get(mid.group(1), '?') if mid else '?'
            elif line.startswith('<virtual_call'):
                found.add(task.split()[1] + '->' + called)
    print(path.split('/')[-1], ' '.join(sorted(found)) or '-')
