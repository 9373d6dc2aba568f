"""corrupt.py DIR: damages every cache entry under DIR a different way:
truncated, a finding's text changed without its checksum, garbage, empty."""
import os
import sys

entries = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1])
                 for f in fs if f.endswith('.entry'))
assert entries, 'no cache entries'
for i, path in enumerate(entries):
    data = open(path, 'rb').read()
    kind = i % 4
    if kind == 0:
        data = data[:len(data) // 2]
    elif kind == 1:
        # A forged result: same layout, one message changed.
        data = data.replace(b'curl_easy_perform', b'FORGED_perform')
        data = data.replace(b'results\n', b'results\n# forged\n', 1)
    elif kind == 2:
        data = b'\x00\xff garbage'
    else:
        data = b''
    open(path, 'wb').write(data)
print(len(entries))
