"""Every bound on hostile or mistaken input, in one place.

Each is far above what a real unit needs, and low enough that the work it allows takes seconds
and a few hundred MB: a profile at every limit packs in about five seconds.
"""

KB, MB = 1024, 1024 * 1024

# YAML files (profiles and the knowledge base).
PROFILE_BYTES = 256 * KB      # a county committee with 100 leaders and 500 subunits is about 60 KB
CONTENT_FILE_BYTES = 2 * MB   # the largest knowledge-base file is about 45 KB
YAML_DEPTH = 16               # profiles nest 4 levels deep, the knowledge base 6

# A unit profile.
TEXT_CHARS = 200              # a name, a title, a unit's full name
MEMBERS = 100                 # 班子成员
SUBUNITS = 500                # 下属单位
LIST_ITEMS = 50               # 分管 or 联系点 of one leader

# Returned workbooks (.xlsx), checked from the zip directory before any parsing.
XLSX_BYTES = 16 * MB          # the file itself; a county's returned ledger is well under 1 MB
XLSX_PARTS = 200              # members of the zip
XLSX_PART_BYTES = 32 * MB     # one member, uncompressed
XLSX_TOTAL_BYTES = 64 * MB    # all members, uncompressed
XLSX_ROWS = 10_000            # rows of one sheet; a year's ledger of a county committee is about 1 000
XLSX_COLUMNS = 64             # columns read; the forms have at most 10, clerks add a few
MAX_VOTES = 10_000            # votes for one grade of one person in a 民主测评表

# Our own bookkeeping files, which a hostile folder may have replaced.
MANIFEST_BYTES = 4 * MB

# How long a command waits for another one writing into the same output folder.
LOCK_WAIT_SECONDS = 600
