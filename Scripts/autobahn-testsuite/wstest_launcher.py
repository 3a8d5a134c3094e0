# -*- coding: utf-8 -*-
"""Python 2.7 launcher for the Autobahn|Testsuite (wstest), used by Scripts/autobahn-testsuite.sh.

The testsuite is installed with `pip install --target SITE_DIR`; its packages (zope, twisted, ...)
use namespace packages whose .pth files only load through site.addsitedir, so everything goes
through this launcher:

    python2.7 wstest_launcher.py SITE_DIR versions
        print the installed distributions (name and version), one a line
    python2.7 wstest_launcher.py SITE_DIR list-cases SPEC_JSON
        print the case ids that SPEC_JSON's "cases" / "exclude-cases" select, in run order
        (as wstest resolves them: a pattern with '*' matches every case id that *starts* like
        it, so "12.*.1" selects 12.1.1 and 12.1.10-12.1.18 too; one without '*' names a case)
    python2.7 wstest_launcher.py SITE_DIR run WSTEST_ARGS...
        run `wstest WSTEST_ARGS...`; the listening socket of the server modes (fuzzingserver)
        is bound to AUTOBAHN_TESTSUITE_INTERFACE (default 127.0.0.1) instead of all interfaces
"""
from __future__ import print_function

import os
import site
import sys
import warnings


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    site_dir, command, args = argv[1], argv[2], argv[3:]
    if not os.path.isdir(site_dir):
        print("wstest_launcher: no such directory: %s" % site_dir, file=sys.stderr)
        return 2
    site.addsitedir(site_dir)
    # Python 2 is deprecated by cryptography/pyOpenSSL; their warnings are noise here.
    warnings.simplefilter("ignore")

    if command == "versions":
        import pkg_resources
        dists = sorted(pkg_resources.find_distributions(site_dir),
                       key=lambda d: d.project_name.lower())
        for d in dists:
            print("%s==%s" % (d.project_name, d.version))
        return 0

    if command == "list-cases":
        import json
        if len(args) != 1:
            print("usage: wstest_launcher.py SITE_DIR list-cases SPEC_JSON", file=sys.stderr)
            return 2
        with open(args[0]) as f:
            spec = json.load(f)
        from autobahntestsuite.case import Cases, CaseCategories, CaseSubCategories, \
            CaseBasename, CaseSetname
        from autobahntestsuite.caseset import CaseSet
        case_set = CaseSet(CaseSetname, CaseBasename, Cases, CaseCategories, CaseSubCategories)
        case_ids = case_set.parseSpecCases(spec)
        unknown = [c for c in case_ids if c not in case_set.CasesIndices]
        if unknown:
            print("wstest_launcher: no such case: %s" % ", ".join(unknown), file=sys.stderr)
            return 1
        for case_id in case_ids:
            print(case_id)
        return 0

    if command == "run":
        interface = os.environ.get("AUTOBAHN_TESTSUITE_INTERFACE", "127.0.0.1")
        import autobahntestsuite.fuzzing as fuzzing
        original_listen = fuzzing.listenWS

        def listen_on_interface(factory, contextFactory=None, backlog=50, interface=interface):
            return original_listen(factory, contextFactory, backlog=backlog, interface=interface)

        fuzzing.listenWS = listen_on_interface
        sys.argv = ["wstest"] + list(args)
        from autobahntestsuite.wstest import run
        run()
        return 0

    print("wstest_launcher: unknown command %r" % command, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
