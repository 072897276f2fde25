#!/usr/bin/env bash
# A real one-node SLURM cluster on this machine for the scale-out tests: munged, slurmctld and
# slurmd from Debian's slurm-wlm, every state file under $HEPML_SLURM_ROOT.
# Adapted from the verified recipe in the team's shared/slurm folder (Debian 12, slurm-wlm 22.05).
#   eval "$(bash test/slurm/cluster.sh start)"   # installs if needed, prints the exports
#   bash test/slurm/cluster.sh stop
# Needs root (the daemons run as root here, as in a container). No accounting: the tests read
# job states from squeue, as the project does.
set -euo pipefail
root=${HEPML_SLURM_ROOT:-/tmp/hepml-slurm}
conf="$root/slurm.conf"

stop() {
  for d in slurmd slurmctld; do
    [ -f "$root/$d.pid" ] && kill "$(cat "$root/$d.pid")" 2>/dev/null || true
  done
}

running() {
  [ -f "$root/slurmctld.pid" ] && kill -0 "$(cat "$root/slurmctld.pid")" 2>/dev/null &&
    SLURM_CONF=$conf sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix|alloc'
}

start() {
  if running; then echo "export SLURM_CONF=$conf HEPML_SLURM_ROOT=$root"; return; fi
  if ! command -v slurmctld >/dev/null; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >&2
  fi
  mkdir -p "$root"/{state,spool,log}
  local host cpus mem
  host=$(hostname -s); cpus=$(nproc); mem=$(( $(free -m | awk '/Mem:/{print $2}') - 2048 ))
  cat > "$conf" <<CONF
ClusterName=hepmltest
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmUser=root
SlurmdUser=root
MpiDefault=none
StateSaveLocation=$root/state
SlurmdSpoolDir=$root/spool
SlurmctldPidFile=$root/slurmctld.pid
SlurmdPidFile=$root/slurmd.pid
SlurmctldLogFile=$root/log/slurmctld.log
SlurmdLogFile=$root/log/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # One munge key for the machine. No cgroup.conf: 22.05's slurmd will not start with CgroupPlugin=disabled.
  mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge
  [ -f /etc/munge/munge.key ] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
  chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge
  chmod 400 /etc/munge/munge.key
  pgrep -x munged >/dev/null || runuser -u munge -- munged --force >&2
  stop
  SLURM_CONF=$conf slurmctld -f "$conf" >&2
  SLURM_CONF=$conf slurmd -f "$conf" >&2
  for _ in $(seq 1 100); do running && break; sleep 0.2; done
  running || { echo "slurm did not come up; see $root/log" >&2; exit 1; }
  echo "export SLURM_CONF=$conf HEPML_SLURM_ROOT=$root"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
