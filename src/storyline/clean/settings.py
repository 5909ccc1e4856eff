"""Every threshold the cleaning stage uses, with how it was chosen.

Figures quoted here come from ``python -m storyline.clean.bench`` on the dev splits in
``../shared/datasets`` (reuse.dev for boilerplate, ecbplus.dev and timeline17.dev for metadata); the
module docstring of :mod:`storyline.clean.bench` says what each figure measures.
"""

# --- whitespace -------------------------------------------------------------------------------------

# Blank lines kept between two paragraphs. One blank line is how every input we read marks a paragraph
# break; more carry no meaning and only shift offsets.
MAX_BLANK_LINES = 1

# --- line shapes --------------------------------------------------------------------------------------

# A "template-shaped" line is short enough to be a site header, footer, menu or slogan. Site templates
# in reuse.dev are 1-15 words ("Prime News delivers timely, accurate news and insights on global events,
# politics, business, and technology" is 15); news paragraphs are longer (median 33 words in reuse.dev).
# 30 leaves room for long disclaimers without letting a typical paragraph through.
TEMPLATE_MAX_WORDS = 30

# A sentence-like line of at least this many words is an "anchor": real body text that ends the search
# for header/footer lines at the edges. 8 words: shorter sentence-like lines ("Comments are closed.",
# "Sign up now.") are often template furniture; news sentences are rarely shorter.
CONTENT_MIN_WORDS = 8

# In the body (between the first and last anchor) only very short non-sentence lines may be removed
# ("Advertisement", "Related stories", a menu repeated mid-page). Longer or sentence-like lines there are
# kept even when they recur: a body line is content until proved otherwise.
BODY_BOILERPLATE_MAX_WORDS = 8

# --- boilerplate learnt per site --------------------------------------------------------------------

# A non-sentence template-shaped line becomes boilerplate for a site once it appeared in this many
# earlier articles of the site. On reuse.dev no non-template line without sentence punctuation appears in
# more than 3 articles of one site, while template lines appear in ~42 of ~250; 3 catches a template from
# the site's 4th templated article on. (A share-of-site rule is not used: it would need the site's
# article count, and it makes a template invisible on big sites until it is common everywhere.)
SITE_MIN_ARTICLES = 3

# A sentence-like (or long) line needs more evidence, and only counts at the top or bottom edge of an
# article: a wire story reprinted several times by one site must not lose its sentences. On reuse.dev the
# most repeated sentence-like body line occurs in 3 articles of one site; credit lines such as
# "This story was originally published by Reuters." occur in 23-31.
SITE_MIN_ARTICLES_SENTENCE = 8

# Reprint guard: when the article's own content is already known to the site (it is a reprint or an
# update of an earlier article), a line must recur in the threshold's number of articles *more* than that
# content does: a reprinted sentence recurs exactly as often as the rest of the reprint and so never
# qualifies, while a template recurs in the site's other articles too. The content level is the lower
# median of the site counts of the article's sentence-like lines (0 for a fresh article, when the guard
# costs nothing). A factor of 1 suffices for that argument; larger factors start to protect templates on
# sites that reprint one story more often than they publish anything else.
REPRINT_MARGIN = 1

# Lines longer than this are not recorded in site memory at all: they can never be boilerplate, and
# storing every paragraph of every article would double the library's size.
SITE_MEMORY_MAX_WORDS = 60

# --- lines repeated inside one article ----------------------------------------------------------------

# A repeated line is a duplicated title or caption, not a template, when at least this share of its
# content words (and at least TOPICAL_MIN_WORDS of them) also occur elsewhere in the article. Then only
# the later copies are removed. Site slogans ("Prime News delivers ...") share little with the story.
TOPICAL_SHARE = 0.5
TOPICAL_MIN_WORDS = 2

# --- headline -------------------------------------------------------------------------------------------

# A first line is a headline when it has this many words, does not end with a full stop, is followed by a
# paragraph break or a body line, and shares words with the body. On ecbplus.dev (265 articles whose
# given title is the first line) titles are 3-19 words (we allow 3-25 to be safe).
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 220
# At least this many of the headline's content words (5-letter prefixes) must occur in the body, or all
# of them when it has fewer: a slogan such as "Quick Wire Online brings you breaking news 24/7" shares
# none with the story it sits above.
HEADLINE_MIN_SHARED_WORDS = 2

# --- header scan: date, dateline, byline ----------------------------------------------------------------

# Dates, datelines and "By ..." lines are looked for only this near the top: non-blank lines ...
HEADER_SCAN_LINES = 6
# ... and characters of the text (scraped pages glue the headline, timestamp and first paragraph into
# one line: "Gulf oil well seal holding HOUSTON | Fri Aug 6, 2010 5:50 pm EDT HOUSTON (Reuters) - ...").
HEADER_SCAN_CHARS = 500
# A line is a date line when, besides the date, it holds at most this many other words (weekday names,
# times, time zones and "Published"/"Updated" do not count).
DATE_LINE_MAX_OTHER_WORDS = 3
# A date with a time of day this close to it is a timestamp ("Friday 25 June 2010 10.07 BST"), which
# body prose almost never has.
TIMESTAMP_MAX_GAP_CHARS = 25
# Years outside this range are not taken as a publication date.
MIN_YEAR = 1900
MAX_YEAR = 2100
# Datelines name a place in at most this many words ("Port-au-Prince", "Rio de Janeiro").
DATELINE_MAX_WORDS = 4
# A byline names at most this many people.
BYLINE_MAX_NAMES = 4
