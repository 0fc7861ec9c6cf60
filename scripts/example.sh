#!/usr/bin/env bash
# The README's main job: install the collection the way users do, then check and report on the example
# Lync Server 2013 inventory.
#
#   bash scripts/example.sh
#
# Steps: (1) .venv with the pinned tools, (2) build the collection tarball and install it offline into
# .build/installed, (3) ansible-playbook lync.lb_qualification.precheck on examples/inventories/lync2013,
# (4) ansible-playbook lync.lb_qualification.report on the same inventory, written to ./report/, and (5) print
# where the report is. Nothing here needs Galaxy, a container or network access beyond PyPI for the venv.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LBQ_ROOT"

INVENTORY="examples/inventories/lync2013"
REPORT_DIR="$LBQ_ROOT/report"

lbq_log "[1/5] Virtual environment (.venv)"
lbq_venv
echo "    $(ansible --version | sed -n 1p)"

lbq_log "[2/5] Build the collection and install the tarball (ansible-galaxy collection build / install --offline)"
lbq_layout
lbq_build_install
# From here on only the installed copy is visible to Ansible, as on a user's machine.
export ANSIBLE_COLLECTIONS_PATH="$LBQ_INSTALLED_COLLECTIONS_PATH"
echo "    ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH"

lbq_log "[3/5] ansible-playbook lync.lb_qualification.precheck -i $INVENTORY"
ansible-playbook lync.lb_qualification.precheck -i "$INVENTORY"

lbq_log "[4/5] ansible-playbook lync.lb_qualification.report -i $INVENTORY -e report_output_dir=$REPORT_DIR"
ansible-playbook lync.lb_qualification.report -i "$INVENTORY" -e "report_output_dir=$REPORT_DIR"

lbq_log "[5/5] Report"
for file in report.html report.md; do
    [[ -s "$REPORT_DIR/$file" ]] || lbq_die "$REPORT_DIR/$file was not written"
done
echo "    HTML (open it in a browser, works offline): $REPORT_DIR/report.html"
echo "    Markdown (Mermaid diagram):                 $REPORT_DIR/report.md"
echo "    A failing layout, for comparison:"
echo "      ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH $VIRTUAL_ENV/bin/ansible-playbook lync.lb_qualification.report \\"
echo "        -i examples/inventories/failing/edge_single_vip_shared -e report_output_dir=$REPORT_DIR/failing"
