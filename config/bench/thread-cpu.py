#!/usr/bin/env python3
# CPU and context switches per thread (grouped by name, digits folded) of a running JVM over a few seconds,
# from /proc/PID/task/*: where a gateway under load spends its cores (docs/performance.md, sixth run).
# usage: config/bench/thread-cpu.py PID SECONDS
import os, sys, re, time, collections
pid=sys.argv[1]; secs=float(sys.argv[2])
def snap():
    d={}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            name=open(f"/proc/{pid}/task/{t}/comm").read().strip()
            st=open(f"/proc/{pid}/task/{t}/stat").read()
            f=st[st.rindex(')')+2:].split()
            cpu=int(f[11])+int(f[12])
            s=open(f"/proc/{pid}/task/{t}/status").read()
            v=int(re.search(r"voluntary_ctxt_switches:\s+(\d+)",s).group(1))
            nv=int(re.search(r"nonvoluntary_ctxt_switches:\s+(\d+)",s).group(1))
            d[t]=(name,cpu,v,nv)
        except Exception: pass
    return d
a=snap(); time.sleep(secs); b=snap()
g=collections.defaultdict(lambda:[0,0,0,0])
for t,(n,c,v,nv) in b.items():
    if t in a:
        key=re.sub(r'\d+','#',n)
        g[key][0]+= (c-a[t][1]); g[key][1]+=v-a[t][2]; g[key][2]+=nv-a[t][3]; g[key][3]+=1
tot=sum(x[0] for x in g.values())
print(f"total cores {tot/100/secs:.2f}")
for k,(c,v,nv,n) in sorted(g.items(), key=lambda x:-x[1][0]):
    if c or v: print(f"{k:32s} threads {n:3d} cores {c/100/secs:.3f} vcs/s {v/secs:8.0f} nvcs/s {nv/secs:6.0f}")
