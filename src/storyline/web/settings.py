"""Settings of the web UI and HTTP API: limits, page sizes, the copy graph's geometry, security names.

None of these is tuned on a dataset; each says why it has the value it has.
"""

# -- serving ------------------------------------------------------------------------------------------

DEFAULT_HOST = "127.0.0.1"  # loopback only: the library may hold licensed or private texts
DEFAULT_PORT = 8000
TOKEN_ENV = "STORYLINE_TOKEN"  # a token from the environment stays out of `ps` listings and shell history
# A token guards a library reachable from the network: 16 characters of `secrets.token_urlsafe()` carry
# about 96 bits, beyond guessing over HTTP; shorter ones are refused rather than silently weak.
TOKEN_MIN_LENGTH = 16
TOKEN_COOKIE = "storyline_token"
TOKEN_QUERY = "token"
# Host names a browser may use to reach a server bound to loopback; any other Host header is refused there,
# which stops DNS-rebinding pages from reading a token-less local server.
LOCAL_HOST_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")

# Every response says where content may come from: only this server, nothing inline, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# -- listings -----------------------------------------------------------------------------------------

STORIES_PER_PAGE = 50  # one screen of rows on the stories page; also the API's default page
API_MAX_LIMIT = 500  # an API page stays well under the 100 ms budget (each row reads its members)
SOURCES_IN_FILTER = 300  # the source filter lists the biggest sources; others can be typed in
# The source list is one index scan (~10 ms on 100,000 articles); it changes only on ingest, so pages
# reuse it for this long instead of scanning on every request.
SOURCE_LIST_SECONDS = 30.0

# -- story page ---------------------------------------------------------------------------------------

MENTIONS_SHOWN = 4  # mentions listed per fact on the story page; all of them are in the API's facts
FACTS_SHOWN = 60  # facts in the story page's table (conflicts come first); the full table is a link away

# -- copy graph (SVG) ---------------------------------------------------------------------------------

# Nodes drawn before the graph is cut: a 60-node layered drawing is still readable on one screen width;
# larger stories keep their articles with derivations first and list the rest below the graph.
GRAPH_MAX_NODES = 60
GRAPH_NODE_WIDTH = 210
GRAPH_NODE_HEIGHT = 44
GRAPH_LAYER_GAP = 70  # horizontal room between layers for the edges' curves and labels
GRAPH_ROW_GAP = 16
GRAPH_MARGIN = 12
GRAPH_LANE_GAP = 16  # height of one lane above the nodes, for edges that skip a layer
GRAPH_LABEL_CHARS = 25  # characters of a bold 13 px source name or title that fit a 210 px node
GRAPH_ORDER_SWEEPS = 4  # barycentre passes that order each layer by its parents; 4 settles small graphs

# -- compare page -------------------------------------------------------------------------------------

PASSAGE_COLOURS = 8  # distinct highlight classes (p0..p7 in style.css) cycled over the passages
