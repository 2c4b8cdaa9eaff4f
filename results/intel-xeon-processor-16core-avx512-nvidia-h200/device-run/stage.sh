mkdir -p /root/stash && cp .gpu/parts/part-* /root/stash/ && ls -la /root/stash && df -h /root | tail -1
