/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dash_table.DataTable (components.md §5) on a GtkColumnView.
 *
 * The rows are never copied: the list model's items only name a position
 * on the current page, and a cell reads its row object out of `data` when
 * it is bound, so only the rows on screen have widgets.  Filtering (Dash's
 * filter_query language, parsed here), sorting (an index array sorted on
 * keys pulled out of the rows once per column) and paging give the index
 * arrays behind the derived_* props.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nd-kinds.h"
#include "nd-style.h"

#define DEFAULT_PAGE_SIZE 250
/* Above this many rows, the derived props that list every row are only
 * reported when a callback reads them: the session copies what it gets. */
#define LARGE_ROWS 100000
/* Shown rows above which a table without a height scrolls inside itself. */
#define UNBOUNDED_ROWS 500
#define UNBOUNDED_HEIGHT 600

/* ------------------------------------------------------------------------
 * Values as JavaScript sees them
 * ------------------------------------------------------------------------ */

typedef enum {
  V_UNDEFINED,
  V_NULL,
  V_BOOL,
  V_NUMBER,
  V_STRING,
  V_OBJECT,
} VKind;

typedef struct {
  VKind kind;
  double num;
  const char *str;
} Val;

static Val
val_of (JsonNode *node)
{
  Val v = { V_UNDEFINED, 0, NULL };

  if (node == NULL)
    return v;
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      v.kind = V_NULL;
      break;
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      v.kind = V_OBJECT;
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          v.kind = V_STRING;
          v.str = json_node_get_string (node);
        }
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          v.kind = V_BOOL;
          v.num = json_node_get_boolean (node);
        }
      else
        {
          v.kind = V_NUMBER;
          v.num = nd_json_get_number (node);
        }
      break;
    }
  return v;
}

static const char *
member_string (JsonObject *o, const char *name, const char *fallback)
{
  JsonNode *v = o ? json_object_get_member (o, name) : NULL;

  return nd_json_is_string (v) ? json_node_get_string (v) : fallback;
}

static gboolean
val_is_nil (Val v)
{
  return v.kind == V_UNDEFINED || v.kind == V_NULL;
}

static char *
number_text (double d)
{
  GString *s;

  if (isnan (d))
    return g_strdup ("NaN");
  if (isinf (d))
    return g_strdup (d > 0 ? "Infinity" : "-Infinity");
  s = g_string_new (NULL);
  nd_json_write_number (s, d);
  return g_string_free (s, FALSE);
}

/* JavaScript's String(v) */
static char *
val_text (Val v)
{
  switch (v.kind)
    {
    case V_UNDEFINED:
      return g_strdup ("undefined");
    case V_NULL:
      return g_strdup ("null");
    case V_BOOL:
      return g_strdup (v.num ? "true" : "false");
    case V_NUMBER:
      return number_text (v.num);
    case V_STRING:
      return g_strdup (v.str);
    case V_OBJECT:
    default:
      return g_strdup ("[object Object]");
    }
}

/* A whole string that reads as a finite number (fast-isnumeric). */
static gboolean
text_is_numeric (const char *s, double *out)
{
  const char *end;
  char *stop;
  double d;

  while (g_ascii_isspace (*s))
    s++;
  end = s + strlen (s);
  while (end > s && g_ascii_isspace (end[-1]))
    end--;
  if (end == s)
    return FALSE;
  {
    g_autofree char *copy = g_strndup (s, end - s);

    d = g_ascii_strtod (copy, &stop);
    if (*stop != '\0' || !isfinite (d))
      return FALSE;
  }
  if (out)
    *out = d;
  return TRUE;
}

static gboolean
val_is_numeric (Val v, double *out)
{
  if (v.kind == V_NUMBER && isfinite (v.num))
    {
      *out = v.num;
      return TRUE;
    }
  return v.kind == V_STRING && text_is_numeric (v.str, out);
}

/* JavaScript's ToNumber */
static double
val_number (Val v)
{
  double d;

  switch (v.kind)
    {
    case V_NULL:
      return 0;
    case V_BOOL:
    case V_NUMBER:
      return v.num;
    case V_STRING:
      {
        const char *s = v.str;

        while (g_ascii_isspace (*s))
          s++;
        if (*s == '\0')
          return 0;
        return text_is_numeric (v.str, &d) ? d : NAN;
      }
    case V_UNDEFINED:
    case V_OBJECT:
    default:
      return NAN;
    }
}

/* JavaScript's `a < b` as -1/0/1, or -2 when no order holds (NaN). */
static int
val_compare (Val a, Val b)
{
  double x, y;

  if (a.kind == V_STRING && b.kind == V_STRING)
    {
      int c = strcmp (a.str, b.str);
      return c < 0 ? -1 : c > 0;
    }
  x = val_number (a);
  y = val_number (b);
  if (isnan (x) || isnan (y))
    return -2;
  return x < y ? -1 : x > y;
}

/* JavaScript's === */
static gboolean
val_strict_equal (Val a, Val b)
{
  if (a.kind != b.kind)
    return FALSE;
  switch (a.kind)
    {
    case V_UNDEFINED:
    case V_NULL:
      return TRUE;
    case V_BOOL:
    case V_NUMBER:
      return a.num == b.num;
    case V_STRING:
      return strcmp (a.str, b.str) == 0;
    case V_OBJECT:
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------
 * Dates, as dash-table normalises them for datestartswith
 * ------------------------------------------------------------------------ */

static int
read_digits (const char **p, int min, int max, int *value)
{
  int n = 0, v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    v = v * 10 + ((*p)[n++] - '0');
  if (n < min)
    return 0;
  *p += n;
  *value = v;
  return n;
}

static int
days_in_month (int y, int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

  return m == 2 && leap ? 29 : days[m - 1];
}

/* "2015-2-3 4:05" -> "2015-02-03 04:05"; NULL if not a date. */
static char *
normalize_date (const char *s)
{
  const char *p = s, *sec_start = NULL, *sec_end = NULL;
  int y, m = 1, d = 1, H = 0, M = 0, n, final_len = 4;
  gboolean bce = FALSE;
  GString *out;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' && g_ascii_isdigit (p[1]))
    {
      bce = TRUE;
      p++;
    }
  n = read_digits (&p, 2, 4, &y);
  if (n == 3 || n == 0 || (n == 2 && bce))
    return NULL;
  if (n == 2)
    {
      /* two-digit years land in the 100 years starting 70 years ago */
      GDateTime *now = g_date_time_new_now_utc ();
      int first = g_date_time_get_year (now) - 70;

      g_date_time_unref (now);
      y = ((y + 2000 - first) % 100) + first;
    }
  if (bce)
    y = -y;
  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 1, 2, &m))
        return NULL;
      final_len = 7;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 1, 2, &d))
            return NULL;
          final_len = 10;
          if ((*p == ' ' || *p == 'T' || *p == 't') && g_ascii_isdigit (p[1]))
            {
              p++;
              if (!read_digits (&p, 1, 2, &H) || H > 23)
                return NULL;
              final_len = 13;
              if (*p == ':')
                {
                  p++;
                  if (read_digits (&p, 2, 2, &M) != 2 || M > 59)
                    return NULL;
                  final_len = 16;
                  if (*p == ':')
                    {
                      int S;

                      p++;
                      sec_start = p;
                      if (read_digits (&p, 2, 2, &S) != 2 || S > 59)
                        return NULL;
                      if (*p == '.' && g_ascii_isdigit (p[1]))
                        for (p++; g_ascii_isdigit (*p); p++)
                          ;
                      sec_end = p;
                      final_len = 29;
                    }
                  if (*p == 'Z' || *p == 'z')
                    p++;
                  else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
                    {
                      p += 3;
                      if (*p == ':')
                        p++;
                      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
                        return NULL;
                      p += 2;
                    }
                }
            }
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || m < 1 || m > 12 || d < 1 || d > days_in_month (ABS (y), m))
    return NULL;
  out = g_string_new (bce ? "-" : "");
  g_string_append_printf (out, "%04d-%02d-%02d %02d:%02d:", ABS (y), m, d, H, M);
  if (sec_start)
    g_string_append_len (out, sec_start, sec_end - sec_start);
  g_string_truncate (out, MIN (out->len, (gsize) final_len + (bce ? 1 : 0)));
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * The filter query language (components.md §5.5)
 *
 * A recursive-descent parser accepting what dash-table's lexer accepts and
 * building the same tree: `||` binds loosest, then `&&` (both grouping to
 * the right), `!` takes a parenthesised condition, and a condition is an
 * operand, a relational operator and an operand, or an operand and a unary
 * `is …` test.
 * ------------------------------------------------------------------------ */

typedef enum {
  REL_CONTAINS,
  REL_DATESTARTSWITH,
  REL_EQ,
  REL_GE,
  REL_GT,
  REL_LE,
  REL_LT,
  REL_NE,
} RelOp;

static const struct {
  const char *symbol;
  const char *word;
  gboolean takes_case;       /* an i/s prefix: insensitive/sensitive */
  const char *sub_type;
} rel_ops[] = {
  [REL_CONTAINS] = { NULL, "contains", TRUE, "contains" },
  [REL_DATESTARTSWITH] = { NULL, "datestartswith", FALSE, "datestartswith" },
  [REL_EQ] = { "=", "eq", TRUE, "=" },
  [REL_GE] = { ">=", "ge", TRUE, ">=" },
  [REL_GT] = { ">", "gt", TRUE, ">" },
  [REL_LE] = { "<=", "le", TRUE, "<=" },
  [REL_LT] = { "<", "lt", TRUE, "<" },
  [REL_NE] = { "!=", "ne", TRUE, "!=" },
};

typedef enum {
  UN_BLANK,
  UN_BOOL,
  UN_EVEN,
  UN_NIL,
  UN_NUM,
  UN_OBJECT,
  UN_ODD,
  UN_PRIME,
  UN_STR,
} UnOp;

static const char *const un_ops[] = {
  [UN_BLANK] = "is blank", [UN_BOOL] = "is bool", [UN_EVEN] = "is even",
  [UN_NIL] = "is nil", [UN_NUM] = "is num", [UN_OBJECT] = "is object",
  [UN_ODD] = "is odd", [UN_PRIME] = "is prime", [UN_STR] = "is str",
};

typedef enum {
  QN_OR,
  QN_AND,
  QN_NOT,
  QN_BLOCK,
  QN_REL,
  QN_UNARY,
  QN_FIELD,
  QN_STRING,
  QN_VALUE,
} QnKind;

typedef struct _Qn Qn;
struct _Qn {
  QnKind kind;
  int op;                 /* RelOp or UnOp */
  char *text;             /* as written */
  char *str;              /* a field's name, a string's value */
  double num;
  gboolean is_num;        /* a bare value that reads as a number */
  Qn *left, *right;       /* a block's inside is its left */
};

static void
qn_free (Qn *n)
{
  if (n == NULL)
    return;
  qn_free (n->left);
  qn_free (n->right);
  g_free (n->text);
  g_free (n->str);
  g_free (n);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Qn, qn_free)

static Qn *
qn_new (QnKind kind, const char *text, gsize len)
{
  Qn *n = g_new0 (Qn, 1);

  n->kind = kind;
  n->text = g_strndup (text, len);
  return n;
}

typedef struct {
  const char *start;
  const char *p;
  char *error;
  int depth;
} Parser;

static void
skip_ws (Parser *ps)
{
  while (g_ascii_isspace (*ps->p))
    ps->p++;
}

static void
parser_fail (Parser *ps, const char *what)
{
  g_autofree char *near = NULL;

  if (ps->error)
    return;
  if (*ps->p == '\0')
    {
      ps->error = g_strdup_printf ("%s at the end", what);
      return;
    }
  near = g_utf8_make_valid (ps->p, MIN (strlen (ps->p), 24));
  ps->error = g_strdup_printf ("%s at character %ld (“%s%s”)", what,
                               g_utf8_strlen (ps->start, ps->p - ps->start) + 1, near,
                               strlen (ps->p) > 24 ? "…" : "");
}

static gsize
match_relational (const char *p, RelOp *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (rel_ops); i++)
    /* (i|s)? is greedy: try with the prefix first */
    for (int flag = rel_ops[i].takes_case; flag >= 0; flag--)
      {
        const char *q = p;
        gsize n;

        if (flag)
          {
            if (*q != 'i' && *q != 'I' && *q != 's' && *q != 'S')
              continue;
            q++;
          }
        if (rel_ops[i].symbol && strncmp (q, rel_ops[i].symbol, strlen (rel_ops[i].symbol)) == 0)
          {
            *op = i;
            return q - p + strlen (rel_ops[i].symbol);
          }
        n = strlen (rel_ops[i].word);
        if (g_ascii_strncasecmp (q, rel_ops[i].word, n) == 0 && (q[n] == '\0' || g_ascii_isspace (q[n])))
          {
            *op = i;
            return q - p + n;
          }
      }
  return 0;
}

static gsize
match_unary (const char *p, UnOp *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (un_ops); i++)
    if (g_ascii_strncasecmp (p, un_ops[i], strlen (un_ops[i])) == 0)
      {
        *op = i;
        return strlen (un_ops[i]);
      }
  return 0;
}

static gsize
match_logical (const char *p, QnKind kind)
{
  const char *word = kind == QN_AND ? "and" : "or";
  gsize n = strlen (word);

  if (strncmp (p, kind == QN_AND ? "&&" : "||", 2) == 0)
    return 2;
  if (g_ascii_strncasecmp (p, word, n) == 0 && g_ascii_isspace (p[n]))
    return n + 1;
  return 0;
}

/* Drops the backslash of escapes: `\}` -> `}`. */
static char *
unescape (const char *s, gsize len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\\' && i + 1 < len)
        i++;
      g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static Qn *
value_node (const char *text, gsize len)
{
  Qn *n = qn_new (QN_VALUE, text, len);

  if (text_is_numeric (n->text, &n->num))
    n->is_num = TRUE;
  else
    n->str = unescape (text, len);
  return n;
}

static const char *
scan_quoted (const char *p, char close)
{
  for (const char *q = p; *q; q += (*q == '\\' && q[1]) ? 2 : 1)
    if (*q == close)
      return q;
  return NULL;
}

/* An operand: {field}, a quoted string, or a bare value.  @permissive is
 * the filter cell's reading, where the rest of the text is one value. */
static Qn *
parse_operand (Parser *ps, gboolean permissive)
{
  const char *p = ps->p, *q;
  Qn *n;

  if (*p == '{')
    {
      for (q = p + 1; *q && *q != '}' && *q != '{'; q += (*q == '\\' && q[1]) ? 2 : 1)
        ;
      if (*q != '}' || q == p + 1)
        {
          parser_fail (ps, *q == '\0' ? "a column name without its closing “}”" : "an invalid column name");
          return NULL;
        }
      n = qn_new (QN_FIELD, p, q + 1 - p);
      n->str = unescape (p + 1, q - p - 1);
      ps->p = q + 1;
      return n;
    }
  if (permissive)
    {
      gboolean ok = TRUE;

      for (q = p; *q && ok; q++)
        {
          if (strchr ("'\"`{}()", *q))
            ok = FALSE;
          else if (*q == '\\')
            {
              if (q[1] == '\0')
                ok = FALSE;
              else
                q++;
            }
        }
      if (ok && q > p)
        {
          const char *end = q;

          /* trailing blanks are not part of what was typed */
          while (end > p && g_ascii_isspace (end[-1]))
            end--;
          ps->p = q;
          return value_node (p, end - p);
        }
    }
  if (*p == '\'' || *p == '"' || *p == '`')
    {
      q = scan_quoted (p + 1, *p);
      if (q == NULL)
        {
          parser_fail (ps, "a string without its closing quote");
          return NULL;
        }
      n = qn_new (QN_STRING, p, q + 1 - p);
      n->str = unescape (p + 1, q - p - 1);
      ps->p = q + 1;
      return n;
    }
  for (q = p; *q && !g_ascii_isspace (*q) && !strchr ("'\"`{}()", *q); q++)
    if (*q == '\\')
      {
        if (q[1] == '\0')
          break;
        q++;
      }
  if (q == p)
    {
      parser_fail (ps, "expected a {column}, a number or a quoted string");
      return NULL;
    }
  if (*q && !g_ascii_isspace (*q) && *q != ')')
    {
      ps->p = q;
      parser_fail (ps, "unexpected character (quote values that contain it)");
      return NULL;
    }
  ps->p = q;
  return value_node (p, q - p);
}

static Qn *parse_or (Parser *ps, gboolean after_open);

static Qn *
parse_term (Parser *ps, gboolean after_open)
{
  Qn *left, *n;
  RelOp rel;
  UnOp un;
  gsize len;

  skip_ws (ps);
  if ((*ps->p == '(' || *ps->p == '!') && ++ps->depth > 200)
    {
      parser_fail (ps, "parentheses nested too deeply");
      return NULL;
    }
  if (*ps->p == '(')
    {
      const char *open = ps->p++;
      Qn *inner = parse_or (ps, TRUE);

      if (inner == NULL)
        return NULL;
      skip_ws (ps);
      if (*ps->p != ')')
        {
          qn_free (inner);
          parser_fail (ps, "expected “)”");
          return NULL;
        }
      ps->p++;
      ps->depth--;
      n = qn_new (QN_BLOCK, open, 1);
      n->left = inner;
      return n;
    }
  if (*ps->p == '!')
    {
      const char *bang = ps->p;
      Qn *inner;

      if (after_open)
        {
          /* dash-table's lexer refuses this too; the rows stay unfiltered */
          parser_fail (ps, "“!” cannot follow “(” (write !(…) before the parenthesis)");
          return NULL;
        }
      ps->p++;
      skip_ws (ps);
      if (*ps->p != '(' && *ps->p != '!')
        {
          parser_fail (ps, "expected “(” after “!”");
          return NULL;
        }
      inner = parse_term (ps, FALSE);
      if (inner == NULL)
        return NULL;
      ps->depth--;
      n = qn_new (QN_NOT, bang, 1);
      n->right = inner;
      return n;
    }
  if (*ps->p == '\0' || *ps->p == ')')
    {
      parser_fail (ps, "expected a condition such as {column} = value");
      return NULL;
    }
  left = parse_operand (ps, FALSE);
  if (left == NULL)
    return NULL;
  skip_ws (ps);
  if ((len = match_relational (ps->p, &rel)))
    {
      n = qn_new (QN_REL, ps->p, len);
      n->op = rel;
      n->left = left;
      ps->p += len;
      skip_ws (ps);
      if (*ps->p == '\0')
        {
          parser_fail (ps, "expected a value after the operator");
          qn_free (n);
          return NULL;
        }
      n->right = parse_operand (ps, FALSE);
      if (n->right == NULL)
        {
          qn_free (n);
          return NULL;
        }
      return n;
    }
  if ((len = match_unary (ps->p, &un)))
    {
      n = qn_new (QN_UNARY, ps->p, len);
      n->op = un;
      n->left = left;
      ps->p += len;
      return n;
    }
  qn_free (left);
  parser_fail (ps, "expected an operator (=, !=, <, <=, >, >=, contains, datestartswith or is …)");
  return NULL;
}

static Qn *
parse_logical (Parser *ps, QnKind kind, gboolean after_open)
{
  Qn *left, *n;
  gsize len;

  left = kind == QN_OR ? parse_logical (ps, QN_AND, after_open) : parse_term (ps, after_open);
  if (left == NULL)
    return NULL;
  skip_ws (ps);
  len = match_logical (ps->p, kind);
  if (len == 0)
    return left;
  n = qn_new (kind, ps->p, len);
  n->left = left;
  ps->p += len;
  n->right = parse_logical (ps, kind, FALSE);
  if (n->right == NULL)
    {
      qn_free (n);
      return NULL;
    }
  return n;
}

static Qn *
parse_or (Parser *ps, gboolean after_open)
{
  return parse_logical (ps, QN_OR, after_open);
}

/* Parses @query.  Returns NULL with *error unset for an empty query. */
static Qn *
query_parse (const char *query, char **error)
{
  Parser ps = { query, query, NULL };
  Qn *tree;

  *error = NULL;
  skip_ws (&ps);
  if (*ps.p == '\0')
    return NULL;
  tree = parse_or (&ps, FALSE);
  if (tree)
    {
      skip_ws (&ps);
      if (*ps.p)
        {
          parser_fail (&ps, *ps.p == ')' ? "a “)” without its “(”"
                                         : "expected “&&”, “||” or the end");
          g_clear_pointer (&tree, qn_free);
        }
    }
  *error = ps.error;
  return tree;
}

static Val
qn_resolve (Qn *n, JsonObject *row)
{
  Val v = { V_UNDEFINED, 0, NULL };

  switch (n->kind)
    {
    case QN_FIELD:
      return val_of (row ? json_object_get_member (row, n->str) : NULL);
    case QN_STRING:
      v.kind = V_STRING;
      v.str = n->str;
      break;
    case QN_VALUE:
      if (n->is_num)
        {
          v.kind = V_NUMBER;
          v.num = n->num;
        }
      else
        {
          v.kind = V_STRING;
          v.str = n->str;
        }
      break;
    default:
      break;
    }
  return v;
}

static char *
val_upper (Val v)
{
  g_autofree char *text = val_text (v);

  return g_utf8_strup (text, -1);
}

static gboolean
is_prime (double c)
{
  if (c == 2)
    return TRUE;
  if (c < 2 || fmod (c, 2) == 0)
    return FALSE;
  for (double n = 3; n * n <= c; n += 2)
    if (fmod (c, n) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
eval_relational (Qn *n, JsonObject *row)
{
  Val l = qn_resolve (n->left, row), r = qn_resolve (n->right, row);
  gboolean insensitive = n->text[0] == 'i' || n->text[0] == 'I';
  double x, y;
  int c;

  if (n->op == REL_CONTAINS)
    {
      g_autofree char *a = NULL, *b = NULL;

      if (val_is_nil (l) || val_is_nil (r) || (l.kind != V_STRING && r.kind != V_STRING))
        return FALSE;
      a = insensitive ? val_upper (l) : val_text (l);
      b = insensitive ? val_upper (r) : val_text (r);
      return strstr (a, b) != NULL;
    }
  if (n->op == REL_DATESTARTSWITH)
    {
      g_autofree char *a = NULL, *b = NULL;

      if ((l.kind != V_STRING && l.kind != V_NUMBER) || (r.kind != V_STRING && r.kind != V_NUMBER))
        return FALSE;
      {
        g_autofree char *lt = val_text (l), *rt = val_text (r);

        a = normalize_date (lt);
        b = normalize_date (rt);
      }
      return a && b && g_str_has_prefix (a, b);
    }
  if (n->op == REL_EQ && val_is_numeric (l, &x) && val_is_numeric (r, &y))
    return x == y;
  if (insensitive)
    {
      g_autofree char *a = NULL, *b = NULL;

      /* JavaScript would throw on null.toString(): no match */
      if (val_is_nil (l) || val_is_nil (r))
        return FALSE;
      a = val_upper (l);
      b = val_upper (r);
      c = strcmp (a, b);
      c = c < 0 ? -1 : c > 0;
    }
  else if (n->op == REL_EQ)
    return val_strict_equal (l, r);
  else if (n->op == REL_NE)
    return !val_strict_equal (l, r);
  else
    c = val_compare (l, r);
  switch (n->op)
    {
    case REL_EQ:
      return c == 0;
    case REL_NE:
      return c != 0;
    case REL_LT:
      return c == -1;
    case REL_LE:
      return c == -1 || c == 0;
    case REL_GT:
      return c == 1;
    case REL_GE:
      return c == 1 || c == 0;
    default:
      return FALSE;
    }
}

static gboolean
qn_eval (Qn *n, JsonObject *row)
{
  switch (n->kind)
    {
    case QN_OR:
      return qn_eval (n->left, row) || qn_eval (n->right, row);
    case QN_AND:
      return qn_eval (n->left, row) && qn_eval (n->right, row);
    case QN_NOT:
      return !qn_eval (n->right, row);
    case QN_BLOCK:
      return qn_eval (n->left, row);
    case QN_REL:
      return eval_relational (n, row);
    case QN_UNARY:
      {
        Val v = qn_resolve (n->left, row);

        switch ((UnOp) n->op)
          {
          case UN_BLANK:
            return val_is_nil (v) || (v.kind == V_STRING && *v.str == '\0');
          case UN_NIL:
            return val_is_nil (v);
          case UN_BOOL:
            return v.kind == V_BOOL;
          case UN_NUM:
            return v.kind == V_NUMBER;
          case UN_STR:
            return v.kind == V_STRING;
          case UN_OBJECT:
            return v.kind == V_OBJECT;
          case UN_EVEN:
            return v.kind == V_NUMBER && fmod (v.num, 2) == 0;
          case UN_ODD:
            return v.kind == V_NUMBER && fmod (v.num, 2) == 1;
          case UN_PRIME:
            return v.kind == V_NUMBER && is_prime (v.num);
          default:
            return FALSE;
          }
      }
    default:
      /* an operand alone is no condition */
      return FALSE;
    }
}

/* derived_filter_query_structure: dash-table's toStructure() */
static JsonNode *
qn_structure (Qn *n)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  const char *sub_type = NULL, *type = NULL;

  switch (n->kind)
    {
    case QN_OR:
      sub_type = "||", type = "logical-operator";
      break;
    case QN_AND:
      sub_type = "&&", type = "logical-operator";
      break;
    case QN_NOT:
      sub_type = "!", type = "unary-operator";
      break;
    case QN_BLOCK:
      sub_type = "()", type = "open-block";
      break;
    case QN_REL:
      sub_type = rel_ops[n->op].sub_type, type = "relational-operator";
      break;
    case QN_UNARY:
      type = "unary-operator";
      break;
    case QN_FIELD:
      sub_type = "field", type = "expression";
      break;
    case QN_STRING:
    case QN_VALUE:
    default:
      sub_type = "value", type = "expression";
      break;
    }
  if (sub_type)
    json_object_set_string_member (o, "subType", sub_type);
  json_object_set_string_member (o, "type", type);
  if (n->kind == QN_FIELD || n->kind == QN_STRING || (n->kind == QN_VALUE && !n->is_num))
    json_object_set_string_member (o, "value", n->str);
  else if (n->kind == QN_VALUE)
    json_object_set_member (o, "value", n->num == (gint64) n->num && fabs (n->num) < 9e15
                                        ? nd_json_int ((gint64) n->num) : nd_json_double (n->num));
  else
    json_object_set_string_member (o, "value", n->text);
  if (n->kind == QN_BLOCK)
    json_object_set_member (o, "block", qn_structure (n->left));
  else
    {
      if (n->left)
        json_object_set_member (o, "left", qn_structure (n->left));
      if (n->right)
        json_object_set_member (o, "right", qn_structure (n->right));
    }
  json_node_take_object (node, o);
  return node;
}

/* `{id}` with the characters that end a field escaped */
static char *
field_token (const char *id)
{
  GString *out = g_string_new ("{");

  for (const char *p = id; *p; p++)
    {
      if (*p == '{' || *p == '}' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * Number formats (a column's `format`: d3-format specifiers)
 * ------------------------------------------------------------------------ */

static void
trim_zeros (GString *s)
{
  char *dot = strchr (s->str, '.');
  char *e;
  gsize end;

  if (dot == NULL)
    return;
  e = strpbrk (dot, "eE");
  end = e ? (gsize) (e - s->str) : s->len;
  while (end > (gsize) (dot - s->str) + 1 && s->str[end - 1] == '0')
    g_string_erase (s, --end, 1);
  if (end == (gsize) (dot - s->str) + 1)
    g_string_erase (s, dot - s->str, 1);
}

/* JavaScript's toExponential/toPrecision exponents: "e+5", not "e+05" */
static void
js_exponent (GString *s)
{
  char *e = strchr (s->str, 'e');

  if (e && (e[1] == '+' || e[1] == '-'))
    while (e[2] == '0' && e[3])
      g_string_erase (s, e + 2 - s->str, 1);
}

static int
decimal_exponent (double d, int precision)
{
  char buf[64];

  if (d == 0)
    return 0;
  g_snprintf (buf, sizeof buf, "%.*e", MAX (precision - 1, 0), fabs (d));
  return atoi (strchr (buf, 'e') + 1);
}

/* @fallback_locale: the table's locale_format */
static char *
format_number (double value, JsonObject *format, JsonObject *fallback_locale)
{
  const char *spec = member_string (format, "specifier", "");
  JsonObject *locale = json_object_has_member (format, "locale") &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (format, "locale"))
                       ? json_object_get_object_member (format, "locale") : fallback_locale;
  const char *decimal = locale ? member_string (locale, "decimal", ".") : ".";
  const char *group = locale ? member_string (locale, "group", ",") : ",";
  const char *currency[2] = { "$", "" };
  char fill = ' ', align = '>', sign = '-', type = 0;
  gboolean symbol = FALSE, zero = FALSE, comma = FALSE, trim = FALSE, negative;
  int width = 0, precision = -1;
  const char *p = spec;
  GString *num = g_string_new (NULL);
  const char *suffix = "";
  g_autofree char *prefix = NULL;
  GString *out;

  if (locale && json_object_has_member (locale, "symbol") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (locale, "symbol")))
    {
      JsonArray *sym = json_object_get_array_member (locale, "symbol");

      if (json_array_get_length (sym) == 2 &&
          nd_json_is_string (json_array_get_element (sym, 0)) &&
          nd_json_is_string (json_array_get_element (sym, 1)))
        {
          currency[0] = json_node_get_string (json_array_get_element (sym, 0));
          currency[1] = json_node_get_string (json_array_get_element (sym, 1));
        }
    }
  /* [[fill]align][sign][symbol][0][width][,][.precision][~][type] */
  if (p[0] && p[1] && strchr ("<>=^", p[1]))
    fill = p[0], align = p[1], p += 2;
  else if (p[0] && strchr ("<>=^", p[0]))
    align = *p++;
  if (*p && strchr ("-+( ", *p))
    sign = *p++;
  if (*p == '$' || *p == '#')
    symbol = *p++ == '$';
  if (*p == '0')
    {
      zero = TRUE;
      fill = '0';
      align = '=';
      p++;
    }
  while (g_ascii_isdigit (*p))
    width = width * 10 + (*p++ - '0');
  if (*p == ',')
    comma = TRUE, p++;
  if (*p == '.')
    {
      precision = 0;
      for (p++; g_ascii_isdigit (*p); p++)
        precision = precision * 10 + (*p - '0');
    }
  if (*p == '~')
    trim = TRUE, p++;
  if (*p)
    type = *p;
  (void) zero;
  if (type == 0)
    {
      if (precision < 0)
        precision = 12;
      trim = TRUE;
      type = 'g';
    }
  else if (precision < 0)
    precision = 6;
  negative = value < 0 || (value == 0 && signbit (value) && type != 'd');
  value = fabs (value);
  switch (type)
    {
    case 'f':
      g_string_printf (num, "%.*f", precision, value);
      break;
    case '%':
      g_string_printf (num, "%.*f", precision, value * 100);
      suffix = "%";
      break;
    case 'e':
      g_string_printf (num, "%.*e", precision, value);
      js_exponent (num);
      break;
    case 'd':
      g_string_printf (num, "%.0f", round (value));
      break;
    case 'r':
    case 'p':
      {
        double v = type == 'p' ? value * 100 : value;
        int e = decimal_exponent (v, MAX (precision, 1));

        g_string_printf (num, "%.*f", MAX (0, MAX (precision, 1) - 1 - e), v);
        if (type == 'p')
          suffix = "%";
      }
      break;
    case 's':
      {
        static const char *const si[] = { "y", "z", "a", "f", "p", "n", "µ", "m", "",
                                           "k", "M", "G", "T", "P", "E", "Z", "Y" };
        int e = decimal_exponent (value, MAX (precision, 1));
        int k = CLAMP ((int) floor (e / 3.0), -8, 8);
        double v = value / pow (10, k * 3);

        e = decimal_exponent (v, MAX (precision, 1));
        g_string_printf (num, "%.*f", MAX (0, MAX (precision, 1) - 1 - e), v);
        suffix = si[k + 8];
      }
      break;
    case 'g':
    default:
      {
        int prec = MAX (precision, 1);
        int e = decimal_exponent (value, prec);

        if (e < -6 || e >= prec)
          {
            g_string_printf (num, "%.*e", prec - 1, value);
            js_exponent (num);
          }
        else
          g_string_printf (num, "%.*f", MAX (0, prec - 1 - e), value);
      }
      break;
    }
  if (trim)
    trim_zeros (num);
  if (type == 's' || type == 'p')
    trim_zeros (num);
  /* locale: grouping and the decimal mark */
  {
    char *dot = strchr (num->str, '.');
    gsize int_len = dot ? (gsize) (dot - num->str) : strcspn (num->str, "e");
    GString *s = g_string_new (NULL);

    for (gsize i = 0; i < int_len; i++)
      {
        if (comma && i > 0 && (int_len - i) % 3 == 0)
          g_string_append (s, group);
        g_string_append_c (s, num->str[i]);
      }
    if (dot)
      {
        g_string_append (s, decimal);
        g_string_append (s, dot + 1);
      }
    else
      g_string_append (s, num->str + int_len);
    g_string_free (num, TRUE);
    num = s;
  }
  if (negative && strspn (num->str, "0.,") == num->len)
    negative = FALSE;     /* d3 shows -0.00 as 0.00 */
  prefix = g_strdup_printf ("%s%s", negative ? (sign == '(' ? "(" : "-")
                                    : sign == '+' ? "+" : sign == ' ' ? " " : "",
                            symbol ? currency[0] : "");
  g_string_append (num, suffix);
  if (symbol)
    g_string_append (num, currency[1]);
  if (negative && sign == '(')
    g_string_append_c (num, ')');
  out = g_string_new (NULL);
  {
    int len = (int) (g_utf8_strlen (prefix, -1) + g_utf8_strlen (num->str, -1));
    int pad = MAX (0, width - len);

    if (align == '=')
      {
        g_string_append (out, prefix);
        for (int i = 0; i < pad; i++)
          g_string_append_c (out, fill);
        g_string_append (out, num->str);
      }
    else
      {
        int before = align == '<' ? 0 : align == '^' ? pad / 2 : pad;

        for (int i = 0; i < before; i++)
          g_string_append_c (out, fill);
        g_string_append (out, prefix);
        g_string_append (out, num->str);
        for (int i = before; i < pad; i++)
          g_string_append_c (out, fill);
      }
  }
  g_string_free (num, TRUE);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * The list model: one item per shown row, naming its place on the page
 * ------------------------------------------------------------------------ */

#define ND_TYPE_TABLE_ROW (nd_table_row_get_type ())
G_DECLARE_FINAL_TYPE (NdTableRow, nd_table_row, ND, TABLE_ROW, GObject)

struct _NdTableRow {
  GObject parent_instance;
  int page_pos;             /* -1: the filter row */
};

G_DEFINE_FINAL_TYPE (NdTableRow, nd_table_row, G_TYPE_OBJECT)

static void nd_table_row_class_init (NdTableRowClass *klass) { }
static void nd_table_row_init (NdTableRow *self) { }

#define ND_TYPE_TABLE_ROWS (nd_table_rows_get_type ())
G_DECLARE_FINAL_TYPE (NdTableRows, nd_table_rows, ND, TABLE_ROWS, GObject)

struct _NdTableRows {
  GObject parent_instance;
  guint n_items;
  gboolean filter_row;
};

static GType
nd_table_rows_get_item_type (GListModel *model)
{
  return ND_TYPE_TABLE_ROW;
}

static guint
nd_table_rows_get_n_items (GListModel *model)
{
  return ND_TABLE_ROWS (model)->n_items;
}

static gpointer
nd_table_rows_get_item (GListModel *model, guint position)
{
  NdTableRows *self = ND_TABLE_ROWS (model);
  NdTableRow *row;

  if (position >= self->n_items)
    return NULL;
  row = g_object_new (ND_TYPE_TABLE_ROW, NULL);
  row->page_pos = (int) position - (self->filter_row ? 1 : 0);
  return row;
}

static void
nd_table_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = nd_table_rows_get_item_type;
  iface->get_n_items = nd_table_rows_get_n_items;
  iface->get_item = nd_table_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (NdTableRows, nd_table_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, nd_table_rows_list_model_init))

static void nd_table_rows_class_init (NdTableRowsClass *klass) { }
static void nd_table_rows_init (NdTableRows *self) { }

/* ------------------------------------------------------------------------
 * The table
 * ------------------------------------------------------------------------ */

typedef struct _Table Table;

typedef enum {
  ACTION_NONE,
  ACTION_NATIVE,
  ACTION_CUSTOM,
} Action;

typedef struct {
  int ref;
  Table *table;
  char *id;
  char *name;
  char *type;               /* any, numeric, text, datetime */
  char *presentation;
  JsonObject *spec;         /* the column dict (ref) */
  guint index;              /* among the shown data columns */
  GtkColumnViewColumn *column;
  char *filter_text;        /* what the filter cell shows */
  char *filter_draft;       /* typed, not committed yet */
  gboolean filter_invalid;
  char *filter_query;       /* its part of filter_query, NULL if none */
} Column;

typedef enum {
  CELL_DATA,
  CELL_SELECT,
  CELL_DELETE,
} CellKind;

typedef struct {
  Table *table;
  Column *column;           /* (ref) data cells only */
  CellKind kind;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;         /* filter text, or the editor */
  GtkWidget *dropdown;      /* the editor of dropdown cells */
  GtkWidget *arrow;         /* dropdown cells that can be edited */
  GtkWidget *check;
  GtkWidget *button;
  int page_pos;             /* -1 filter row, G_MININT unbound */
  gboolean editing;
  gboolean filter_dirty;
} Cell;

typedef enum {
  SEC_CELL,
  SEC_HEADER,
  SEC_FILTER,
  SEC_DATA,
} Section;

typedef struct {
  Section section;
  JsonObject *cond;         /* (ref) its "if", NULL for the plain style_* */
  JsonObject *style;        /* (ref) */
  char *css_class;          /* NULL for the plain style_* */
  Qn *filter;               /* if.filter_query */
} Rule;

typedef struct {
  double num;
  const char *str;          /* points into `data` */
  guint8 rank;              /* RANK_* */
} Key;

enum { RANK_NUMBER, RANK_STRING, RANK_OTHER, RANK_NULL };

typedef struct {
  char *column_id;
  gboolean desc;
} SortBy;

struct _Table {
  NdRenderer *renderer;
  JsonNode *component;      /* (ref) */
  JsonNode *inferred_columns; /* columns derived from data when none are given */
  JsonNode *inferred_from;  /* (ref) the data they were derived from */
  GtkWidget *root;
  GtkWidget *toolbar;
  GtkWidget *toggle_box;
  GtkWidget *message;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkWidget *pager;
  GtkWidget *first_button, *prev_button, *next_button, *last_button;
  GtkWidget *page_label;
  NdTableRows *rows;
  GPtrArray *columns;       /* Column*, the shown data columns */
  GPtrArray *cells;         /* Cell*, all the factories made */
  GtkCheckButton *radio_group;
  NdTableRow *probe_a, *probe_b;
  Column *probe_hit;
  gboolean probing;

  JsonNode *data_node;      /* (ref) */
  JsonArray *data;          /* in data_node, or NULL */
  GHashTable *keys;         /* column id -> Key[n_data] */
  GArray *filtered;         /* guint: data indices passing the filter */
  GArray *virtual;          /* guint: filtered, then sorted */
  guint page_start, page_len, page_count, page_current;

  Qn *filter;
  char *filter_error;
  char *filter_query;       /* what `filter` was parsed from */
  GArray *sort;             /* SortBy */
  GHashTable *selected;     /* data indices in selected_rows, + 1 */
  GArray *selected_rows;    /* guint, in order */

  int active_row, active_col;          /* page position, column index */
  int start_row, start_col, end_row, end_col;
  Cell *editing;

  GPtrArray *rules;         /* Rule*, in the order they apply */
  GtkCssProvider *css;
  char *css_class;

  GHashTable *reported;     /* derived prop -> JsonNode last reported */
  guint report_source;
  int reporting;            /* >0 while the table reports a user change */
  GHashTable *echoed;       /* props the session sent back meanwhile */
  char *own_query;          /* the filter_query the filter row wrote */
  GPtrArray *pending;       /* Pending: commits when focus left */
  guint pending_source;
  gboolean in_toggle;
  int guard;                /* >0 while the table sets its own widgets */
  gboolean destroyed;
};

static Column *
column_ref (Column *c)
{
  c->ref++;
  return c;
}

static void
column_unref (Column *c)
{
  if (--c->ref > 0)
    return;
  g_free (c->id);
  g_free (c->name);
  g_free (c->type);
  g_free (c->presentation);
  g_free (c->filter_text);
  g_free (c->filter_draft);
  g_free (c->filter_query);
  g_clear_pointer (&c->spec, json_object_unref);
  g_clear_object (&c->column);
  g_free (c);
}

static void
rule_free (Rule *r)
{
  g_clear_pointer (&r->cond, json_object_unref);
  g_clear_pointer (&r->style, json_object_unref);
  g_free (r->css_class);
  qn_free (r->filter);
  g_free (r);
}

static JsonNode *
prop (Table *t, const char *name)
{
  return nd_component_get_prop (t->component, name);
}

static const char *
prop_string (Table *t, const char *name, const char *fallback)
{
  return nd_prop_string (t->component, name, fallback);
}

static JsonObject *
prop_object (Table *t, const char *name)
{
  JsonNode *v = prop (t, name);

  return v && JSON_NODE_HOLDS_OBJECT (v) ? json_node_get_object (v) : NULL;
}

/* DataTable(data=df.to_dict('records')) without `columns` shows every key
 * of the rows, in the order of the first row, as Dash does. */
static JsonArray *
inferred_columns (Table *t, JsonNode *data)
{
  JsonArray *rows;
  JsonObject *first;
  JsonObjectIter it;
  const char *key;

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data) || json_array_get_length (json_node_get_array (data)) == 0)
    return NULL;
  if (t->inferred_from == data)
    return json_node_get_array (t->inferred_columns);
  g_clear_pointer (&t->inferred_columns, json_node_unref);
  g_clear_pointer (&t->inferred_from, json_node_unref);
  rows = json_node_get_array (data);
  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (rows, 0)))
    return NULL;
  first = json_array_get_object_element (rows, 0);
  t->inferred_columns = nd_json_array_new ();
  t->inferred_from = json_node_ref (data);
  json_object_iter_init_ordered (&it, first);
  while (json_object_iter_next_ordered (&it, &key, NULL))
    json_array_add_element (json_node_get_array (t->inferred_columns), nd_dict ("name", key, "id", key));
  return json_node_get_array (t->inferred_columns);
}

static JsonArray *
prop_array (Table *t, const char *name)
{
  JsonNode *v = prop (t, name);

  if (g_str_equal (name, "columns") &&
      (v == NULL || !JSON_NODE_HOLDS_ARRAY (v) || json_array_get_length (json_node_get_array (v)) == 0))
    return inferred_columns (t, prop (t, "data"));
  return v && JSON_NODE_HOLDS_ARRAY (v) ? json_node_get_array (v) : NULL;
}

static Action
action_of (Table *t, const char *name, Action fallback)
{
  JsonNode *v = prop (t, name);
  const char *s = NULL;

  if (v && JSON_NODE_HOLDS_OBJECT (v))      /* filter_action={"type": ..., "operator": ...} */
    s = member_string (json_node_get_object (v), "type", NULL);
  else if (nd_json_is_string (v))
    s = json_node_get_string (v);
  if (s == NULL)
    return fallback;
  return g_str_equal (s, "native") ? ACTION_NATIVE : g_str_equal (s, "custom") ? ACTION_CUSTOM : ACTION_NONE;
}

static gboolean
filter_joins_with_or (Table *t)
{
  JsonObject *fa = prop_object (t, "filter_action");

  return fa && g_strcmp0 (member_string (fa, "operator", "and"), "or") == 0;
}

static guint
n_data (Table *t)
{
  return t->data ? json_array_get_length (t->data) : 0;
}

static JsonObject *
row_at (Table *t, guint index)
{
  JsonNode *row;

  if (t->data == NULL || index >= json_array_get_length (t->data))
    return NULL;
  row = json_array_get_element (t->data, index);
  return JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
}

/* the data index shown at a page position, or -1 */
static int
data_index_at (Table *t, int page_pos)
{
  if (page_pos < 0 || (guint) page_pos >= t->page_len)
    return -1;
  return g_array_index (t->virtual, guint, t->page_start + page_pos);
}

static Column *
column_by_id (Table *t, const char *id)
{
  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *c = g_ptr_array_index (t->columns, i);

      if (g_str_equal (c->id, id))
        return c;
    }
  return NULL;
}

static gboolean
column_editable (Table *t, Column *c)
{
  if (c->spec && json_object_has_member (c->spec, "editable"))
    return nd_json_is_truthy (json_object_get_member (c->spec, "editable"));
  return nd_prop_bool (t->component, "editable", FALSE);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static char *
id_text (JsonNode *id)
{
  if (id == NULL)
    return g_strdup ("");
  if (nd_json_is_string (id))
    return g_strdup (json_node_get_string (id));
  return nd_value_text (id);
}

/* Setting a tooltip, even none, makes GTK query tooltips again: only on
 * a change. */
static void
set_tooltip (GtkWidget *w, const char *text)
{
  const char *now = gtk_widget_get_tooltip_text (w);

  if (g_strcmp0 (now, text && *text ? text : NULL) != 0)
    gtk_widget_set_tooltip_text (w, text && *text ? text : NULL);
}

/* ------------------------------------------------------------------------
 * Reporting
 * ------------------------------------------------------------------------ */

static void table_refresh_cells (Table *t);
static void schedule_derived (Table *t);

/* A user change: the table already shows it, so the echo the session sends
 * back (update() while reporting) is ignored. */
/* Props that are state only: the table never shows them. */
static gboolean
is_state_only (const char *name)
{
  return g_str_has_prefix (name, "derived_") || g_str_equal (name, "data_previous") ||
         g_str_equal (name, "data_timestamp") || g_str_equal (name, "is_focused") ||
         g_str_equal (name, "loading_state");
}

static gboolean table_apply_prop (Table *t, const char *name);

/* A user change (Dash's setProps).  The session stores it and sends it
 * back through update(), which shows it; when nothing comes back (a table
 * without an id, or an unchanged value) the table shows what the layout
 * now holds itself. */
static void
report (Table *t, JsonObject *props)
{
  JsonObjectIter it;
  const char *name;
  JsonNode *value;

  if (t->destroyed || json_object_get_size (props) == 0)
    return;
  g_hash_table_remove_all (t->echoed);
  t->reporting++;
  nd_renderer_report_props (t->renderer, t->root, props);
  t->reporting--;
  json_object_iter_init (&it, props);
  while (json_object_iter_next (&it, &name, &value))
    if (!is_state_only (name) && !g_hash_table_contains (t->echoed, name) &&
        nd_json_equal (prop (t, name), value))
      table_apply_prop (t, name);
  g_hash_table_remove_all (t->echoed);
}

static JsonNode *
cell_coords (Table *t, int row, int col)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  Column *c = col >= 0 && (guint) col < t->columns->len ? g_ptr_array_index (t->columns, col) : NULL;
  JsonObject *data_row = row_at (t, data_index_at (t, row));

  json_object_set_int_member (o, "row", row);
  json_object_set_int_member (o, "column", col);
  json_object_set_string_member (o, "column_id", c ? c->id : "");
  if (data_row && json_object_has_member (data_row, "id"))
    json_object_set_member (o, "row_id", nd_json_deep_copy (json_object_get_member (data_row, "id")));
  json_node_take_object (node, o);
  return node;
}

/* Sorting, filtering and paging clear the cell selection (§5.2). */
static void
clear_cells (Table *t, JsonObject *props)
{
  JsonArray *selected = prop_array (t, "selected_cells");

  if (t->active_row >= 0 || nd_component_get_prop (t->component, "active_cell") ||
      (selected && json_array_get_length (selected)))
    {
      json_object_set_member (props, "active_cell", nd_json_null ());
      json_object_set_member (props, "start_cell", nd_json_null ());
      json_object_set_member (props, "end_cell", nd_json_null ());
      json_object_set_member (props, "selected_cells", nd_json_array_new ());
    }
  t->active_row = t->active_col = -1;
  t->start_row = t->start_col = t->end_row = t->end_col = -1;
}

/* ------------------------------------------------------------------------
 * Filter, sort, page
 * ------------------------------------------------------------------------ */

static gboolean
is_sort_null (Table *t, Val v)
{
  JsonArray *as_null;

  if (val_is_nil (v))
    return TRUE;
  as_null = prop_array (t, "sort_as_null");
  for (guint i = 0; as_null && i < json_array_get_length (as_null); i++)
    if (val_strict_equal (v, val_of (json_array_get_element (as_null, i))))
      return TRUE;
  return FALSE;
}

/* The sort keys of a column, pulled out of every row once. */
static Key *
column_keys (Table *t, const char *column_id)
{
  Key *keys = g_hash_table_lookup (t->keys, column_id);
  guint n = n_data (t);

  if (keys)
    return keys;
  keys = g_new (Key, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = row_at (t, i);
      Val v = val_of (row ? json_object_get_member (row, column_id) : NULL);

      keys[i].num = 0;
      keys[i].str = NULL;
      if (is_sort_null (t, v))
        keys[i].rank = RANK_NULL;
      else if (v.kind == V_NUMBER || v.kind == V_BOOL)
        {
          keys[i].rank = RANK_NUMBER;
          keys[i].num = v.num;
        }
      else if (v.kind == V_STRING)
        {
          keys[i].rank = RANK_STRING;
          keys[i].str = v.str;
        }
      else
        keys[i].rank = RANK_OTHER;
    }
  g_hash_table_insert (t->keys, g_strdup (column_id), keys);
  return keys;
}

static int
key_compare (const Key *a, const Key *b, gboolean desc)
{
  int c;

  /* empty values go last in both directions, as in dash-table */
  if (a->rank == RANK_NULL || b->rank == RANK_NULL)
    return (a->rank == RANK_NULL) - (b->rank == RANK_NULL);
  if (a->rank != b->rank)
    c = a->rank < b->rank ? -1 : 1;
  else if (a->rank == RANK_NUMBER)
    c = a->num < b->num ? -1 : a->num > b->num;
  else if (a->rank == RANK_STRING)
    {
      c = strcmp (a->str, b->str);
      c = c < 0 ? -1 : c > 0;
    }
  else
    c = 0;
  return desc ? -c : c;
}

typedef struct {
  Key key;
  guint index;
} Entry;

typedef struct {
  gboolean desc;
  Key **more;               /* the other sort columns' keys */
  gboolean *more_desc;
  guint n_more;
} SortContext;

static int
entry_compare (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Entry *a = pa, *b = pb;
  SortContext *ctx = data;
  int c = key_compare (&a->key, &b->key, ctx->desc);

  for (guint i = 0; c == 0 && i < ctx->n_more; i++)
    c = key_compare (&ctx->more[i][a->index], &ctx->more[i][b->index], ctx->more_desc[i]);
  if (c == 0)
    c = a->index < b->index ? -1 : a->index > b->index;   /* stable */
  return c;
}

/* Fast paths for one sort column of numbers, or of strings. */

typedef struct {
  guint64 key;
  guint index;
} RadixEntry;

/* A double's bits as an unsigned integer in the same order. */
static guint64
number_bits (double d, gboolean desc)
{
  guint64 u;

  if (d == 0)
    d = 0;                  /* -0 with 0 */
  memcpy (&u, &d, sizeof u);
  u = (u >> 63) ? ~u : u | G_GUINT64_CONSTANT (0x8000000000000000);
  return desc ? ~u : u;
}

/* LSD radix sort, stable; returns whichever buffer holds the result. */
static RadixEntry *
radix_sort (RadixEntry *a, RadixEntry *tmp, guint n)
{
  for (int shift = 0; shift < 64 && n > 1; shift += 8)
    {
      guint count[257] = { 0 };
      RadixEntry *swap;

      for (guint i = 0; i < n; i++)
        count[((a[i].key >> shift) & 0xff) + 1]++;
      if (count[((a[0].key >> shift) & 0xff) + 1] == n)
        continue;           /* the same byte everywhere */
      for (guint b = 0; b < 256; b++)
        count[b + 1] += count[b];
      for (guint i = 0; i < n; i++)
        tmp[count[(a[i].key >> shift) & 0xff]++] = a[i];
      swap = a;
      a = tmp;
      tmp = swap;
    }
  return a;
}

static void
sort_numbers (Table *t, Key *keys, gboolean desc)
{
  guint n = t->filtered->len, k = 0, out = 0;
  RadixEntry *a = g_new (RadixEntry, MAX (n, 1)), *tmp = g_new (RadixEntry, MAX (n, 1)), *sorted;

  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (t->filtered, guint, i);

      if (keys[index].rank == RANK_NULL)
        continue;
      a[k].key = number_bits (keys[index].num, desc);
      a[k++].index = index;
    }
  sorted = radix_sort (a, tmp, k);
  for (guint i = 0; i < k; i++)
    g_array_index (t->virtual, guint, out++) = sorted[i].index;
  /* empty values last, in their order */
  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (t->filtered, guint, i);

      if (keys[index].rank == RANK_NULL)
        g_array_index (t->virtual, guint, out++) = index;
    }
  g_free (a);
  g_free (tmp);
}

typedef struct {
  guint64 prefix;           /* the first 8 bytes, big-endian */
  const char *str;
  guint index;
} StrEntry;

static guint64
string_prefix (const char *s)
{
  guint64 p = 0;

  for (int i = 0; i < 8 && s[i]; i++)
    p |= (guint64) (guchar) s[i] << (56 - 8 * i);
  return p;
}

static int
str_entry_compare (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const StrEntry *a = pa, *b = pb;
  int c;

  /* most comparisons end on the prefix, without touching the strings */
  if (a->prefix != b->prefix)
    c = a->prefix < b->prefix ? -1 : 1;
  else if ((a->prefix & 0xff) == 0)
    c = 0;                  /* both end within the prefix */
  else
    {
      c = strcmp (a->str + 8, b->str + 8);
      c = c < 0 ? -1 : c > 0;
    }
  if (GPOINTER_TO_INT (data))
    c = -c;
  if (c == 0)
    c = a->index < b->index ? -1 : a->index > b->index;
  return c;
}

static void
sort_strings (Table *t, Key *keys, gboolean desc)
{
  guint n = t->filtered->len, k = 0, out = 0;
  StrEntry *a = g_new (StrEntry, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (t->filtered, guint, i);

      if (keys[index].rank == RANK_NULL)
        continue;
      a[k].prefix = string_prefix (keys[index].str);
      a[k].str = keys[index].str;
      a[k++].index = index;
    }
  g_qsort_with_data (a, k, sizeof (StrEntry), str_entry_compare, GINT_TO_POINTER (desc));
  for (guint i = 0; i < k; i++)
    g_array_index (t->virtual, guint, out++) = a[i].index;
  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (t->filtered, guint, i);

      if (keys[index].rank == RANK_NULL)
        g_array_index (t->virtual, guint, out++) = index;
    }
  g_free (a);
}

static void
table_filter (Table *t)
{
  guint n = n_data (t);

  g_array_set_size (t->filtered, 0);
  if (t->filter && action_of (t, "filter_action", ACTION_NONE) == ACTION_NATIVE)
    {
      for (guint i = 0; i < n; i++)
        if (qn_eval (t->filter, row_at (t, i)))
          g_array_append_val (t->filtered, i);
    }
  else
    {
      g_array_set_size (t->filtered, n);
      for (guint i = 0; i < n; i++)
        g_array_index (t->filtered, guint, i) = i;
    }
}

static void
table_sort (Table *t)
{
  guint n = t->filtered->len;
  SortContext ctx = { FALSE, NULL, NULL, 0 };
  SortBy *first;
  Entry *entries;
  Key *keys;

  g_array_set_size (t->virtual, n);
  if (t->sort->len == 0 || action_of (t, "sort_action", ACTION_NONE) != ACTION_NATIVE)
    {
      if (n)
        memcpy (t->virtual->data, t->filtered->data, n * sizeof (guint));
      return;
    }
  first = &g_array_index (t->sort, SortBy, 0);
  keys = column_keys (t, first->column_id);
  if (t->sort->len == 1)
    {
      guint counts[RANK_NULL + 1] = { 0 };

      for (guint i = 0; i < n; i++)
        counts[keys[g_array_index (t->filtered, guint, i)].rank]++;
      if (counts[RANK_NUMBER] + counts[RANK_NULL] == n)
        {
          sort_numbers (t, keys, first->desc);
          return;
        }
      if (counts[RANK_STRING] + counts[RANK_NULL] == n)
        {
          sort_strings (t, keys, first->desc);
          return;
        }
    }
  ctx.desc = first->desc;
  ctx.n_more = t->sort->len - 1;
  ctx.more = g_new (Key *, MAX (ctx.n_more, 1));
  ctx.more_desc = g_new (gboolean, MAX (ctx.n_more, 1));
  for (guint i = 0; i < ctx.n_more; i++)
    {
      SortBy *s = &g_array_index (t->sort, SortBy, i + 1);

      ctx.more[i] = column_keys (t, s->column_id);
      ctx.more_desc[i] = s->desc;
    }
  /* the primary key inline: the sort touches memory in order */
  entries = g_new (Entry, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (t->filtered, guint, i);

      entries[i].key = keys[index];
      entries[i].index = index;
    }
  g_qsort_with_data (entries, n, sizeof (Entry), entry_compare, &ctx);
  for (guint i = 0; i < n; i++)
    g_array_index (t->virtual, guint, i) = entries[i].index;
  g_free (entries);
  g_free (ctx.more);
  g_free (ctx.more_desc);
}

static void table_update_pager (Table *t);

static void
table_page (Table *t)
{
  guint n = t->virtual->len;
  Action page_action = action_of (t, "page_action", ACTION_NATIVE);
  double current = nd_prop_double (t->component, "page_current", 0);

  t->page_current = current > 0 ? (guint) current : 0;
  if (page_action == ACTION_NATIVE)
    {
      double size_d = nd_prop_double (t->component, "page_size", DEFAULT_PAGE_SIZE);
      guint size = size_d >= 1 ? (guint) size_d : DEFAULT_PAGE_SIZE;

      t->page_count = MAX (1, (n + size - 1) / size);
      /* a page past the end (after a filter) shows the last one */
      t->page_start = MIN (t->page_current, t->page_count - 1) * size;
      t->page_len = MIN (size, n - MIN (n, t->page_start));
    }
  else
    {
      double count = nd_prop_double (t->component, "page_count", 0);

      t->page_count = page_action == ACTION_CUSTOM && count >= 1 ? (guint) count : 0;
      t->page_start = 0;
      t->page_len = n;
    }
  table_update_pager (t);
}

static gboolean
wants_filter_row (Table *t)
{
  return action_of (t, "filter_action", ACTION_NONE) != ACTION_NONE && t->columns->len > 0;
}

static void
table_reset_rows (Table *t)
{
  NdTableRows *m = t->rows;
  guint old = m->n_items;
  gboolean had_filter_row = m->filter_row;

  m->filter_row = wants_filter_row (t);
  m->n_items = (m->filter_row ? 1 : 0) + t->page_len;
  t->guard++;
  /* Items are places on the page, not rows: after a sort, a filter or a
   * page turn the places that stay show their new rows when the cells
   * are refreshed, and only the tail changes (GTK takes a second to
   * replace a million items). */
  if (had_filter_row != m->filter_row)
    g_list_model_items_changed (G_LIST_MODEL (m), 0, old, m->n_items);
  else if (m->n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (m), old, 0, m->n_items - old);
  else if (m->n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (m), m->n_items, old - m->n_items, 0);
  t->guard--;
}

static void table_apply_size (Table *t);

typedef enum {
  STAGE_FILTER,
  STAGE_SORT,
  STAGE_PAGE,
  STAGE_CELLS,
} Stage;

/* Recomputes from @stage on and shows the result. */
static void
table_recompute (Table *t, Stage stage)
{
  if (stage <= STAGE_FILTER)
    table_filter (t);
  if (stage <= STAGE_SORT)
    table_sort (t);
  if (stage <= STAGE_PAGE)
    {
      table_page (t);
      table_reset_rows (t);
      table_apply_size (t);
    }
  table_refresh_cells (t);
  schedule_derived (t);
}

static void
table_set_data (Table *t)
{
  JsonNode *data = prop (t, "data");

  g_clear_pointer (&t->data_node, json_node_unref);
  t->data = NULL;
  if (data && JSON_NODE_HOLDS_ARRAY (data))
    {
      t->data_node = json_node_ref (data);
      t->data = json_node_get_array (data);
    }
  g_hash_table_remove_all (t->keys);
}

static void
table_set_filter (Table *t)
{
  const char *query = prop_string (t, "filter_query", "");
  gboolean shown;

  if (g_strcmp0 (t->filter_query, query) != 0)
    {
      g_clear_pointer (&t->filter, qn_free);
      g_clear_pointer (&t->filter_error, g_free);
      g_free (t->filter_query);
      t->filter_query = g_strdup (query);
      t->filter = query_parse (query, &t->filter_error);
    }
  shown = t->filter_error && action_of (t, "filter_action", ACTION_NONE) != ACTION_NONE;
  if (shown)
    {
      g_autofree char *text = g_strdup_printf ("Invalid filter query: %s. All rows are shown.", t->filter_error);

      gtk_label_set_text (GTK_LABEL (t->message), text);
    }
  gtk_widget_set_visible (t->message, shown);
}

static void
table_set_sort (Table *t)
{
  JsonArray *sort_by = prop_array (t, "sort_by");

  for (guint i = 0; i < t->sort->len; i++)
    g_free (g_array_index (t->sort, SortBy, i).column_id);
  g_array_set_size (t->sort, 0);
  for (guint i = 0; sort_by && i < json_array_get_length (sort_by); i++)
    {
      JsonNode *item = json_array_get_element (sort_by, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      SortBy s;

      if (o == NULL || !json_object_has_member (o, "column_id"))
        continue;
      s.column_id = id_text (json_object_get_member (o, "column_id"));
      s.desc = g_strcmp0 (member_string (o, "direction", "asc"), "desc") == 0;
      g_array_append_val (t->sort, s);
    }
}

static void
table_set_selected (Table *t)
{
  JsonArray *rows = prop_array (t, "selected_rows");

  g_hash_table_remove_all (t->selected);
  g_array_set_size (t->selected_rows, 0);
  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    {
      JsonNode *v = json_array_get_element (rows, i);
      double d;
      guint index;

      if (!nd_json_is_number (v) || (d = nd_json_get_number (v)) < 0)
        continue;
      index = (guint) d;
      g_array_append_val (t->selected_rows, index);
      g_hash_table_add (t->selected, GUINT_TO_POINTER (index + 1));
    }
}

static void
coords_of (JsonNode *cell, int *row, int *col)
{
  JsonObject *o = cell && JSON_NODE_HOLDS_OBJECT (cell) ? json_node_get_object (cell) : NULL;

  *row = *col = -1;
  if (o && json_object_has_member (o, "row") && json_object_has_member (o, "column"))
    {
      *row = (int) nd_json_get_number (json_object_get_member (o, "row"));
      *col = (int) nd_json_get_number (json_object_get_member (o, "column"));
    }
}

static void
table_set_cells (Table *t)
{
  coords_of (prop (t, "active_cell"), &t->active_row, &t->active_col);
  coords_of (prop (t, "start_cell"), &t->start_row, &t->start_col);
  coords_of (prop (t, "end_cell"), &t->end_row, &t->end_col);
  if (t->start_row < 0)
    t->start_row = t->active_row, t->start_col = t->active_col;
  if (t->end_row < 0)
    t->end_row = t->start_row, t->end_col = t->start_col;
}

static gboolean
cell_is_selected (Table *t, int row, int col)
{
  JsonArray *cells;

  if (t->start_row >= 0 && t->end_row >= 0 &&
      row >= MIN (t->start_row, t->end_row) && row <= MAX (t->start_row, t->end_row) &&
      col >= MIN (t->start_col, t->end_col) && col <= MAX (t->start_col, t->end_col))
    return TRUE;
  cells = prop_array (t, "selected_cells");
  for (guint i = 0; cells && i < json_array_get_length (cells); i++)
    {
      int r, c;

      coords_of (json_array_get_element (cells, i), &r, &c);
      if (r == row && c == col)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Derived props (§5.3)
 * ------------------------------------------------------------------------ */

/* Whether a callback reads @name of this table: the props listing every
 * row of a large table are only worth copying then. */
static gboolean
prop_is_read (Table *t, const char *name)
{
  NdApp *app = nd_session_get_app (nd_renderer_get_session (t->renderer));
  JsonNode *id = nd_component_get_id (t->component);
  g_autofree char *text = id && nd_json_is_string (id) ? g_strdup (json_node_get_string (id)) : NULL;

  for (guint i = 0; i < nd_app_get_n_callbacks (app); i++)
    {
      NdCallback *cb = nd_app_get_callback (app, i);
      guint n_in = nd_callback_get_n_inputs (cb), n_state = nd_callback_get_n_states (cb);

      for (guint k = 0; k < n_in + n_state; k++)
        {
          NdDependency *dep = k < n_in ? nd_callback_get_input (cb, k) : nd_callback_get_state (cb, k - n_in);
          JsonNode *dep_id = nd_dependency_get_id (dep);

          if (g_strcmp0 (nd_dependency_get_property (dep), name) != 0)
            continue;
          /* pattern-matching ids may name this table: count them */
          if (text == NULL || dep_id == NULL || !nd_json_is_string (dep_id) ||
              g_str_equal (json_node_get_string (dep_id), text))
            return TRUE;
        }
    }
  return FALSE;
}

static JsonNode *
indices_node (GArray *indices, guint start, guint len)
{
  JsonArray *a = json_array_sized_new (len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < len; i++)
    json_array_add_int_element (a, g_array_index (indices, guint, start + i));
  json_node_take_array (node, a);
  return node;
}

/* the rows themselves, shared with `data` (the session copies them) */
static JsonNode *
rows_node (Table *t, GArray *indices, guint start, guint len)
{
  JsonArray *a = json_array_sized_new (len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < len; i++)
    {
      JsonNode *row = json_array_get_element (t->data, g_array_index (indices, guint, start + i));

      json_array_add_element (a, json_node_copy (row));
    }
  json_node_take_array (node, a);
  return node;
}

static JsonNode *
row_id_node (Table *t, guint index)
{
  JsonObject *row = row_at (t, index);

  if (row && json_object_has_member (row, "id"))
    return nd_json_deep_copy (json_object_get_member (row, "id"));
  return nd_json_null ();
}

static JsonNode *
row_ids_node (Table *t, GArray *indices, guint start, guint len)
{
  JsonArray *a = json_array_sized_new (len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < len; i++)
    json_array_add_element (a, row_id_node (t, g_array_index (indices, guint, start + i)));
  json_node_take_array (node, a);
  return node;
}

/* selected_rows as positions in @indices[start, start + len) */
static void
selected_positions (Table *t, GArray *indices, guint start, guint len, JsonNode **rows, JsonNode **ids)
{
  JsonArray *r = json_array_new (), *d = json_array_new ();
  g_autoptr(GHashTable) where = g_hash_table_new (NULL, NULL);

  if (t->selected_rows->len)
    for (guint i = 0; i < len; i++)
      g_hash_table_insert (where, GUINT_TO_POINTER (g_array_index (indices, guint, start + i) + 1),
                           GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < t->selected_rows->len; i++)
    {
      guint index = g_array_index (t->selected_rows, guint, i);
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (where, GUINT_TO_POINTER (index + 1)));

      if (pos == 0)
        continue;
      json_array_add_int_element (r, pos - 1);
      json_array_add_element (d, row_id_node (t, index));
    }
  *rows = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (*rows, r);
  *ids = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (*ids, d);
}

static void
derived_put (Table *t, JsonObject *props, const char *name, JsonNode *value)
{
  JsonNode *last = g_hash_table_lookup (t->reported, name);

  if (last && nd_json_equal (last, value))
    {
      json_node_unref (value);
      return;
    }
  g_hash_table_insert (t->reported, g_strdup (name), json_node_ref (value));
  json_object_set_member (props, name, value);
}

static gboolean
derived_wanted (Table *t, const char *name, guint n_rows)
{
  if (n_rows <= LARGE_ROWS || prop_is_read (t, name))
    return TRUE;
  g_hash_table_remove (t->reported, name);
  return FALSE;
}

/* The derived props that changed since they were last reported. */
static JsonObject *
derived_changes (Table *t)
{
  JsonObject *props = json_object_new ();
  guint nv = t->virtual->len;
  JsonNode *rows, *ids;
  JsonArray *selected_columns = prop_array (t, "selected_columns");
  JsonArray *viewport_columns = json_array_new ();
  JsonNode *node;

  if (derived_wanted (t, "derived_virtual_data", nv))
    derived_put (t, props, "derived_virtual_data", rows_node (t, t->virtual, 0, nv));
  if (derived_wanted (t, "derived_virtual_indices", nv))
    derived_put (t, props, "derived_virtual_indices", indices_node (t->virtual, 0, nv));
  if (derived_wanted (t, "derived_virtual_row_ids", nv))
    derived_put (t, props, "derived_virtual_row_ids", row_ids_node (t, t->virtual, 0, nv));
  if (derived_wanted (t, "derived_viewport_data", t->page_len))
    derived_put (t, props, "derived_viewport_data", rows_node (t, t->virtual, t->page_start, t->page_len));
  if (derived_wanted (t, "derived_viewport_indices", t->page_len))
    derived_put (t, props, "derived_viewport_indices", indices_node (t->virtual, t->page_start, t->page_len));
  if (derived_wanted (t, "derived_viewport_row_ids", t->page_len))
    derived_put (t, props, "derived_viewport_row_ids", row_ids_node (t, t->virtual, t->page_start, t->page_len));
  selected_positions (t, t->virtual, 0, nv, &rows, &ids);
  derived_put (t, props, "derived_virtual_selected_rows", rows);
  derived_put (t, props, "derived_virtual_selected_row_ids", ids);
  selected_positions (t, t->virtual, t->page_start, t->page_len, &rows, &ids);
  derived_put (t, props, "derived_viewport_selected_rows", rows);
  derived_put (t, props, "derived_viewport_selected_row_ids", ids);
  for (guint i = 0; selected_columns && i < json_array_get_length (selected_columns); i++)
    {
      g_autofree char *id = id_text (json_array_get_element (selected_columns, i));

      if (column_by_id (t, id))
        json_array_add_element (viewport_columns, nd_json_deep_copy (json_array_get_element (selected_columns, i)));
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, viewport_columns);
  derived_put (t, props, "derived_viewport_selected_columns", node);
  derived_put (t, props, "derived_filter_query_structure",
               t->filter && action_of (t, "filter_action", ACTION_NONE) != ACTION_NONE
               ? qn_structure (t->filter) : nd_json_null ());
  return props;
}

static gboolean
report_derived (gpointer data)
{
  Table *t = data;
  g_autoptr(JsonObject) props = NULL;

  t->report_source = 0;
  props = derived_changes (t);
  report (t, props);
  return G_SOURCE_REMOVE;
}

/* At mount the values go into the layout directly, as the session fills
 * in other components' mount props, so that the initial callbacks read
 * them (components.md §4). */
static void
mount_derived (Table *t)
{
  g_autoptr(JsonObject) props = derived_changes (t);
  JsonObjectIter it;
  const char *name;
  JsonNode *value;

  g_clear_handle_id (&t->report_source, g_source_remove);
  json_object_iter_init (&it, props);
  while (json_object_iter_next (&it, &name, &value))
    nd_component_set_prop (t->component, name, nd_json_deep_copy (value));
}

/* After every change, once the table shows it (and never while the
 * renderer applies a callback's result, when reports are dropped). */
static void
schedule_derived (Table *t)
{
  if (t->report_source == 0 && !t->destroyed)
    t->report_source = g_idle_add_full (G_PRIORITY_DEFAULT, report_derived, t, NULL);
}

/* ------------------------------------------------------------------------
 * Styles: style_* and *_conditional become rules of one CSS provider per
 * table; a cell carries the classes of the conditional rules it matches
 * ------------------------------------------------------------------------ */

static gboolean
match_index (JsonNode *want, int index)
{
  if (want == NULL)
    return TRUE;
  if (nd_json_is_number (want))
    return (int) nd_json_get_number (want) == index;
  if (nd_json_is_string (want))
    {
      const char *s = json_node_get_string (want);

      if (g_str_equal (s, "odd"))
        return index % 2 == 1;
      if (g_str_equal (s, "even"))
        return index % 2 == 0;
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (want))
    {
      JsonArray *a = json_node_get_array (want);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (match_index (json_array_get_element (a, i), index))
          return TRUE;
    }
  return FALSE;
}

static gboolean
match_id (JsonNode *want, const char *id)
{
  if (want == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (want))
    {
      JsonArray *a = json_node_get_array (want);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (match_id (json_array_get_element (a, i), id))
          return TRUE;
      return FALSE;
    }
  {
    g_autofree char *text = id_text (want);

    return id && g_str_equal (text, id);
  }
}

/* Whether @r applies to a cell of @c (NULL: any column) on page row @row
 * (-1 for header and filter cells). */
static gboolean
rule_matches (Table *t, Rule *r, Column *c, int row, gboolean active, gboolean selected)
{
  JsonObject *cond = r->cond;
  JsonNode *v;

  if (cond == NULL)
    return TRUE;
  if (json_object_has_member (cond, "column_id") &&
      !match_id (json_object_get_member (cond, "column_id"), c ? c->id : NULL))
    return FALSE;
  if ((v = json_object_get_member (cond, "column_type")) &&
      !(c && nd_json_is_string (v) && g_str_equal (json_node_get_string (v), c->type)))
    return FALSE;
  if ((v = json_object_get_member (cond, "column_editable")) &&
      !(c && nd_json_is_truthy (v) == column_editable (t, c)))
    return FALSE;
  if ((v = json_object_get_member (cond, "header_index")) && !match_index (v, 0))
    return FALSE;
  if ((v = json_object_get_member (cond, "row_index")) && (row < 0 || !match_index (v, row)))
    return FALSE;
  if (json_object_has_member (cond, "filter_query"))
    {
      if (row < 0 || r->filter == NULL || !qn_eval (r->filter, row_at (t, data_index_at (t, row))))
        return FALSE;
    }
  if ((v = json_object_get_member (cond, "state")) && nd_json_is_string (v))
    {
      const char *state = json_node_get_string (v);

      if (g_str_equal (state, "active") && !active)
        return FALSE;
      if (g_str_equal (state, "selected") && !selected)
        return FALSE;
    }
  return TRUE;
}

static void
add_rules (Table *t, const char *prop_name, Section section, gboolean conditional)
{
  JsonNode *v = prop (t, prop_name);

  if (v == NULL)
    return;
  if (!conditional)
    {
      Rule *r;

      if (!JSON_NODE_HOLDS_OBJECT (v))
        return;
      r = g_new0 (Rule, 1);
      r->section = section;
      r->style = json_object_ref (json_node_get_object (v));
      g_ptr_array_add (t->rules, r);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (v))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (v)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (v), i);
      JsonObject *o;
      Rule *r;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      o = json_node_get_object (item);
      r = g_new0 (Rule, 1);
      r->section = section;
      r->style = json_object_ref (o);
      r->css_class = g_strdup_printf ("nd-r%u", t->rules->len);
      if (json_object_has_member (o, "if") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "if")))
        r->cond = json_object_ref (json_object_get_object_member (o, "if"));
      else
        r->cond = json_object_new ();
      if (json_object_has_member (r->cond, "filter_query"))
        {
          g_autofree char *error = NULL;
          const char *q = member_string (r->cond, "filter_query", "");

          r->filter = query_parse (q, &error);
          if (error)
            g_message ("DataTable %s: %s", prop_name, error);
        }
      g_ptr_array_add (t->rules, r);
    }
}

static const char *
style_string (JsonObject *style, const char *name)
{
  JsonNode *v = style ? json_object_get_member (style, name) : NULL;

  return nd_json_is_string (v) ? json_node_get_string (v) : NULL;
}

/* a length in px; -1 if absent or not in px */
static double
style_px (JsonObject *style, const char *name)
{
  JsonNode *v = style ? json_object_get_member (style, name) : NULL;
  char *end;
  double d;

  if (nd_json_is_number (v))
    return nd_json_get_number (v);
  if (!nd_json_is_string (v))
    return -1;
  d = g_ascii_strtod (json_node_get_string (v), &end);
  if (end == json_node_get_string (v))
    return -1;
  while (*end == ' ')
    end++;
  if (*end == '\0' || g_str_has_prefix (end, "px"))
    return d;
  if (g_str_has_prefix (end, "em") || g_str_has_prefix (end, "rem"))
    return d * 16;
  return -1;
}

static float
align_of (const char *text_align, float fallback)
{
  if (text_align == NULL)
    return fallback;
  if (g_str_equal (text_align, "center"))
    return 0.5f;
  if (g_str_equal (text_align, "right") || g_str_equal (text_align, "end"))
    return 1.0f;
  return 0.0f;
}

static gboolean
section_applies (Section rule, Section cell)
{
  return rule == SEC_CELL || rule == cell;
}

static float
cell_xalign (Table *t, Column *c, Section section, int row, gboolean active, gboolean selected)
{
  float xalign = c && g_str_equal (c->type, "numeric") ? 1.0f : 0.0f;

  for (guint i = 0; i < t->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (t->rules, i);

      if (section_applies (r->section, section) && rule_matches (t, r, c, row, active, selected))
        xalign = align_of (style_string (r->style, "textAlign"), xalign);
    }
  return xalign;
}

/* whiteSpace: normal wraps */
static gboolean
cell_wraps (Table *t, Column *c, int row)
{
  gboolean wrap = FALSE;

  for (guint i = 0; i < t->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (t->rules, i);
      const char *ws = style_string (r->style, "whiteSpace");

      if (ws && section_applies (r->section, SEC_DATA) && rule_matches (t, r, c, row, FALSE, FALSE))
        wrap = g_str_equal (ws, "normal") || g_str_equal (ws, "pre-wrap") || g_str_equal (ws, "pre-line");
    }
  return wrap;
}

/* A column's width from style_cell (+ conditional), as dash-table sizes it. */
static void
column_widths (Table *t, Column *c, double *width, double *max_width)
{
  *width = *max_width = -1;
  for (guint i = 0; i < t->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (t->rules, i);
      double w;

      if (r->section != SEC_CELL || !rule_matches (t, r, c, -1, FALSE, FALSE))
        continue;
      if ((w = style_px (r->style, "width")) >= 0)
        *width = w;
      if ((w = style_px (r->style, "maxWidth")) >= 0)
        *max_width = w;
    }
}

static void
on_css_error (GtkCssProvider *provider, GtkCssSection *section, GError *error, gpointer data)
{
  /* GTK CSS lacks some of what a browser takes; what it lacks is skipped */
}

static void
append_rule_css (GString *css, Table *t, Rule *r)
{
  g_autoptr(GString) ignored = g_string_new (NULL);
  g_autoptr(JsonNode) style = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *decls = NULL;
  const char *T = t->css_class;
  g_autofree char *cls = r->css_class ? g_strconcat (".", r->css_class, NULL) : g_strdup ("");

  json_node_set_object (style, r->style);
  decls = nd_style_to_css (style, ignored);
  if (*decls == '\0')
    return;
  switch (r->section)
    {
    case SEC_CELL:
      g_string_append_printf (css, ".%s .nd-cell%s, .%s > header > button%s { %s}\n", T, cls, T, cls, decls);
      break;
    case SEC_HEADER:
      g_string_append_printf (css, ".%s > header > button%s { %s}\n", T, cls, decls);
      break;
    case SEC_FILTER:
      g_string_append_printf (css, ".%s .nd-cell.nd-filter%s { %s}\n", T, cls, decls);
      break;
    case SEC_DATA:
    default:
      g_string_append_printf (css, ".%s .nd-cell.nd-data%s { %s}\n", T, cls, decls);
      break;
    }
}

static void
append_highlight (GString *css, const char *T)
{
  g_string_append_printf (css,
    ".%1$s .nd-cell.nd-data.nd-selected { background-color: alpha(@theme_selected_bg_color, 0.10); }\n"
    ".%1$s .nd-cell.nd-data.nd-active { background-color: alpha(@theme_selected_bg_color, 0.16); "
    "box-shadow: inset 0 0 0 1px @theme_selected_bg_color; }\n", T);
}

static void
table_build_css (Table *t)
{
  g_autoptr(GString) css = g_string_new (NULL);
  const char *T = t->css_class;
  gboolean highlighted = FALSE;
  JsonObject *st;
  static const struct {
    const char *name;
    Section section;
    gboolean conditional;
  } sources[] = {
    /* lowest precedence first (dash-table's order) */
    { "style_cell", SEC_CELL, FALSE },
    { "style_cell_conditional", SEC_CELL, TRUE },
    { "style_header", SEC_HEADER, FALSE },
    { "style_header_conditional", SEC_HEADER, TRUE },
    { "style_filter", SEC_FILTER, FALSE },
    { "style_filter_conditional", SEC_FILTER, TRUE },
    { "style_data", SEC_DATA, FALSE },
    { "style_data_conditional", SEC_DATA, TRUE },
  };

  g_ptr_array_set_size (t->rules, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    add_rules (t, sources[i].name, sources[i].section, sources[i].conditional);

  /* the cell widgets carry the padding, so that backgrounds fill cells */
  g_string_append_printf (css,
    ".%1$s > listview > row > cell { padding: 0; }\n"
    ".%1$s > header > button, .%1$s > header > button:hover { padding: 0 8px; color: @theme_fg_color; }\n"
    ".%1$s .nd-cell { padding: 5px 8px; }\n"
    ".%1$s .nd-cell.nd-filter { padding: 3px 4px; }\n"
    ".%1$s .nd-cell.nd-filter entry { min-height: 26px; padding-left: 6px; padding-right: 6px; }\n"
    ".%1$s .nd-cell.nd-select, .%1$s .nd-cell.nd-delete { padding: 0 4px; }\n"
    ".%1$s .nd-cell.nd-editing { padding: 0 2px; }\n"
    ".%1$s .nd-cell.nd-editing entry { min-height: 24px; }\n",
    T);
  if (nd_prop_bool (t->component, "style_as_list_view", FALSE))
    g_string_append_printf (css, ".%s > header > button { border-left-style: none; }\n", T);
  for (guint i = 0; i < t->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (t->rules, i);

      /* the highlight of selected and active cells sits below the data
       * rules, so that state: active rules can restyle it */
      if (!highlighted && r->section == SEC_DATA && r->cond)
        {
          append_highlight (css, T);
          highlighted = TRUE;
        }
      append_rule_css (css, t, r);
    }
  if (!highlighted)
    append_highlight (css, T);
  /* style_table: the frame around the rows */
  if ((st = prop_object (t, "style_table")))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GString) ignored = g_string_new (NULL);
      g_autofree char *decls = NULL;

      json_node_set_object (node, st);
      decls = nd_style_to_css (node, ignored);
      if (*decls)
        g_string_append_printf (css, ".%s-frame { %s}\n", T, decls);
    }
  gtk_css_provider_load_from_data (t->css, css->str, -1);
}

/* The column headers are GTK's own widgets; their labels follow the
 * table's text alignment and the header rules' classes. */
static GtkWidget *
header_title (Table *t, guint view_index)
{
  GtkWidget *header = gtk_widget_get_first_child (t->view);
  guint i = 0;

  while (header && !g_str_equal (gtk_widget_get_css_name (header), "header"))
    header = gtk_widget_get_next_sibling (header);
  if (header == NULL)
    return NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (header); w; w = gtk_widget_get_next_sibling (w))
    if (i++ == view_index)
      return w;
  return NULL;
}

static GtkWidget *
find_label (GtkWidget *w)
{
  if (GTK_IS_LABEL (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c);

      if (found)
        return found;
    }
  return NULL;
}

static guint
first_data_column (Table *t)
{
  return (nd_prop_bool (t->component, "row_deletable", FALSE) ? 1 : 0) +
         (nd_json_is_truthy (prop (t, "row_selectable")) ? 1 : 0);
}

static void
table_style_headers (Table *t)
{
  guint offset = first_data_column (t);

  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *c = g_ptr_array_index (t->columns, i);
      GtkWidget *title = header_title (t, offset + i);
      GtkWidget *label = title ? find_label (title) : NULL;
      g_auto(GStrv) classes = NULL;
      float xalign;

      if (title == NULL)
        continue;
      classes = gtk_widget_get_css_classes (title);
      for (guint k = 0; classes[k]; k++)
        if (g_str_has_prefix (classes[k], "nd-r"))
          gtk_widget_remove_css_class (title, classes[k]);
      for (guint k = 0; k < t->rules->len; k++)
        {
          Rule *r = g_ptr_array_index (t->rules, k);

          if (r->css_class && (r->section == SEC_CELL || r->section == SEC_HEADER) &&
              rule_matches (t, r, c, -1, FALSE, FALSE))
            gtk_widget_add_css_class (title, r->css_class);
        }
      xalign = cell_xalign (t, c, SEC_HEADER, -1, FALSE, FALSE);
      {
        JsonObject *tips = prop_object (t, "tooltip_header");
        JsonNode *tip = tips ? json_object_get_member (tips, c->id) : NULL;
        g_autofree char *text = NULL;

        if (tip && JSON_NODE_HOLDS_OBJECT (tip))
          tip = json_object_get_member (json_node_get_object (tip), "value");
        if (tip && !JSON_NODE_HOLDS_NULL (tip))
          text = nd_value_text (tip);
        set_tooltip (title, text);
      }
      if (label)
        {
          gtk_label_set_xalign (GTK_LABEL (label), xalign);
          gtk_widget_set_hexpand (label, TRUE);
        }
    }
}

static void
table_apply_size (Table *t)
{
  JsonObject *st = prop_object (t, "style_table");
  GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (t->scrolled);
  double height = style_px (st, "height"), max_height = style_px (st, "maxHeight");
  double min_height = style_px (st, "minHeight");
  const char *overflow_x = style_string (st, "overflowX");
  guint shown = t->page_len;

  gtk_scrolled_window_set_policy (sw, overflow_x && g_str_equal (overflow_x, "hidden")
                                      ? GTK_POLICY_EXTERNAL : GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  if (height >= 0)
    {
      gtk_scrolled_window_set_propagate_natural_height (sw, FALSE);
      gtk_scrolled_window_set_max_content_height (sw, -1);
      gtk_widget_set_size_request (t->scrolled, -1, (int) height);
      return;
    }
  gtk_widget_set_size_request (t->scrolled, -1, min_height >= 0 ? (int) min_height : -1);
  gtk_scrolled_window_set_propagate_natural_height (sw, TRUE);
  if (max_height >= 0)
    gtk_scrolled_window_set_max_content_height (sw, (int) max_height);
  else
    /* a page of everything: the table scrolls rather than make
     * widgets for rows nobody can see at once */
    gtk_scrolled_window_set_max_content_height (sw, shown > UNBOUNDED_ROWS ? UNBOUNDED_HEIGHT : -1);
}

static void
table_apply_styles (Table *t)
{
  gboolean list_view = nd_prop_bool (t->component, "style_as_list_view", FALSE);

  table_build_css (t);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (t->view), !list_view);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (t->view), TRUE);
  gtk_widget_set_halign (t->root, nd_prop_bool (t->component, "fill_width", TRUE) ? GTK_ALIGN_FILL : GTK_ALIGN_START);
  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *c = g_ptr_array_index (t->columns, i);
      double width, max_width;

      column_widths (t, c, &width, &max_width);
      gtk_column_view_column_set_fixed_width (c->column, width >= 0 ? (int) width : -1);
      gtk_column_view_column_set_expand (c->column, width < 0 && nd_prop_bool (t->component, "fill_width", TRUE));
    }
  table_apply_size (t);
  table_style_headers (t);
}

/* ------------------------------------------------------------------------
 * Cells
 * ------------------------------------------------------------------------ */

static char *
cell_text (Table *t, Column *c, JsonObject *row)
{
  JsonNode *v = row ? json_object_get_member (row, c->id) : NULL;
  JsonObject *format = c->spec && json_object_has_member (c->spec, "format") &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (c->spec, "format"))
                       ? json_object_get_object_member (c->spec, "format") : NULL;

  if (format && (v == NULL || JSON_NODE_HOLDS_NULL (v)) && json_object_has_member (format, "nully"))
    return nd_value_text (json_object_get_member (format, "nully"));
  if (format && g_str_equal (c->type, "numeric") && nd_json_is_number (v))
    return format_number (nd_json_get_number (v), format, prop_object (t, "locale_format"));
  if (g_str_equal (c->presentation, "dropdown") && v)
    {
      /* the option's label, when the value is one */
      JsonObject *dropdown = prop_object (t, "dropdown");
      JsonNode *spec = dropdown ? json_object_get_member (dropdown, c->id) : NULL;
      JsonObject *so = spec && JSON_NODE_HOLDS_OBJECT (spec) ? json_node_get_object (spec) : NULL;
      JsonNode *options = so ? json_object_get_member (so, "options") : NULL;

      for (guint i = 0; options && JSON_NODE_HOLDS_ARRAY (options) &&
                        i < json_array_get_length (json_node_get_array (options)); i++)
        {
          JsonNode *o = json_array_get_element (json_node_get_array (options), i);

          if (JSON_NODE_HOLDS_OBJECT (o) &&
              nd_json_equal (json_object_get_member (json_node_get_object (o), "value"), v))
            return nd_value_text (json_object_get_member (json_node_get_object (o), "label"));
        }
    }
  if (v && (JSON_NODE_HOLDS_OBJECT (v) || JSON_NODE_HOLDS_ARRAY (v)))
    return nd_json_to_string (v, FALSE);
  return nd_value_text (v);
}

static char *
tooltip_text (Table *t, Column *c, int data_index)
{
  JsonArray *tips = prop_array (t, "tooltip_data");
  JsonObject *by_column = prop_object (t, "tooltip");
  JsonNode *tip = NULL;

  if (tips && data_index >= 0 && (guint) data_index < json_array_get_length (tips))
    {
      JsonNode *row = json_array_get_element (tips, data_index);

      if (JSON_NODE_HOLDS_OBJECT (row))
        tip = json_object_get_member (json_node_get_object (row), c->id);
    }
  if (tip == NULL && by_column)
    tip = json_object_get_member (by_column, c->id);
  if (tip && JSON_NODE_HOLDS_OBJECT (tip))
    tip = json_object_get_member (json_node_get_object (tip), "value");
  if (tip == NULL || JSON_NODE_HOLDS_NULL (tip))
    return NULL;
  return nd_value_text (tip);
}

static void
set_rule_classes (Table *t, Cell *cell, Section section, int row, gboolean active, gboolean selected)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (cell->box);

  for (guint k = 0; classes[k]; k++)
    if (g_str_has_prefix (classes[k], "nd-r"))
      gtk_widget_remove_css_class (cell->box, classes[k]);
  for (guint i = 0; i < t->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (t->rules, i);

      if (r->css_class && section_applies (r->section, section) &&
          rule_matches (t, r, cell->column, row, active, selected))
        gtk_widget_add_css_class (cell->box, r->css_class);
    }
}

static void
set_class (GtkWidget *w, const char *name, gboolean on)
{
  if (on)
    gtk_widget_add_css_class (w, name);
  else
    gtk_widget_remove_css_class (w, name);
}

static void cell_stop_editing (Cell *cell, gboolean commit, gboolean defer);


/* Shows what a bound data cell holds, with its state and rule classes. */
static void
cell_show (Cell *cell)
{
  Table *t = cell->table;
  Column *c = cell->column;
  int row = cell->page_pos;
  gboolean filter = row == -1;

  if (t == NULL || row == G_MININT)
    return;
  t->guard++;
  set_class (cell->box, "nd-filter", filter);
  set_class (cell->box, "nd-data", !filter);
  if (cell->kind == CELL_SELECT)
    {
      int index = data_index_at (t, row);

      gtk_widget_set_visible (cell->check, !filter);
      if (!filter)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (cell->check),
                                     g_hash_table_contains (t->selected, GUINT_TO_POINTER (index + 1)));
      /* the row's own rules (stripes, filter_query) reach these cells too */
      set_rule_classes (t, cell, filter ? SEC_FILTER : SEC_DATA, row, FALSE, FALSE);
    }
  else if (cell->kind == CELL_DELETE)
    {
      gtk_widget_set_visible (cell->button, !filter);
      set_rule_classes (t, cell, filter ? SEC_FILTER : SEC_DATA, row, FALSE, FALSE);
    }
  else if (filter)
    {
      const char *text = c->filter_draft ? c->filter_draft : c->filter_text ? c->filter_text : "";

      gtk_widget_set_visible (cell->label, FALSE);
      if (cell->arrow)
        gtk_widget_set_visible (cell->arrow, FALSE);
      gtk_widget_set_visible (cell->entry, TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (cell->entry), "filter data…");
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell->entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (cell->entry), text);
      cell->filter_dirty = c->filter_draft != NULL;
      set_class (cell->entry, "error", c->filter_invalid);
      set_tooltip (cell->box, NULL);
      set_rule_classes (t, cell, SEC_FILTER, -1, FALSE, FALSE);
    }
  else
    {
      int index = data_index_at (t, row);
      gboolean active = row == t->active_row && (int) c->index == t->active_col;
      gboolean selected = cell_is_selected (t, row, c->index);
      g_autofree char *text = cell_text (t, c, row_at (t, index));
      g_autofree char *tip = tooltip_text (t, c, index);
      double width, max_width;
      gboolean wrap = cell_wraps (t, c, row);
      GtkLabel *label = GTK_LABEL (cell->label);
      float xalign = cell_xalign (t, c, SEC_DATA, row, active, selected);
      PangoEllipsizeMode ellipsize;
      int max_chars;

      if (!cell->editing)
        {
          gtk_widget_set_visible (cell->label, TRUE);
          if (cell->entry)
            gtk_widget_set_visible (cell->entry, FALSE);
        }
      if (cell->arrow)
        gtk_widget_set_visible (cell->arrow, !cell->editing && column_editable (t, c));
      /* only what changed: a refresh touches every cell on screen */
      if (!g_str_equal (gtk_label_get_text (label), text))
        gtk_label_set_text (label, text);
      if (gtk_label_get_xalign (label) != xalign)
        gtk_label_set_xalign (label, xalign);
      column_widths (t, c, &width, &max_width);
      if (gtk_label_get_wrap (label) != wrap)
        gtk_label_set_wrap (label, wrap);
      ellipsize = !wrap && (width >= 0 || max_width >= 0) ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE;
      if (gtk_label_get_ellipsize (label) != ellipsize)
        gtk_label_set_ellipsize (label, ellipsize);
      /* about 7 px a character in the default font */
      max_chars = max_width >= 0 ? MAX (1, (int) (max_width / 7)) : -1;
      if (gtk_label_get_max_width_chars (label) != max_chars)
        gtk_label_set_max_width_chars (label, max_chars);
      set_tooltip (cell->box, tip);
      set_class (cell->box, "nd-active", active);
      set_class (cell->box, "nd-selected", selected && !active);
      set_rule_classes (t, cell, SEC_DATA, row, active, selected);
    }
  t->guard--;
}

static void
table_refresh_cells (Table *t)
{
  for (guint i = 0; i < t->cells->len; i++)
    cell_show (g_ptr_array_index (t->cells, i));
}

/* -- the filter row -- */

static char *
implicit_operator (Table *t, Column *c)
{
  JsonObject *options = c->spec && json_object_has_member (c->spec, "filter_options") &&
                        JSON_NODE_HOLDS_OBJECT (json_object_get_member (c->spec, "filter_options"))
                        ? json_object_get_object_member (c->spec, "filter_options")
                        : prop_object (t, "filter_options");
  const char *flag = "";

  if (options)
    flag = g_strcmp0 (member_string (options, "case", "sensitive"),
                      "insensitive") == 0 ? "i" : "s";
  if (g_str_equal (c->type, "numeric"))
    return g_strconcat (flag, "=", NULL);
  if (g_str_equal (c->type, "datetime"))
    return g_strdup ("datestartswith");
  return g_strconcat (flag, "contains", NULL);
}

/* A filter cell's text as dash-table reads it (an optional leading
 * operator, then the rest as one value, or a unary test alone), written
 * as this column's part of filter_query.  NULL for an empty cell. */
static char *
column_filter_query (Table *t, Column *c, const char *text, gboolean *valid)
{
  Parser ps = { text, text, NULL };
  g_autofree char *field = field_token (c->id);
  g_autofree char *op = NULL;
  g_autoptr(Qn) value = NULL;
  RelOp rel;
  UnOp un;
  gsize len;

  *valid = TRUE;
  skip_ws (&ps);
  if (*ps.p == '\0')
    return NULL;
  if ((len = match_relational (ps.p, &rel)))
    {
      op = g_strndup (ps.p, len);
      if (rel_ops[rel].takes_case && op[0] != 'i' && op[0] != 's' && op[0] != 'I' && op[0] != 'S')
        {
          g_autofree char *implicit = implicit_operator (t, c);

          /* the column's case option applies to operators typed bare */
          if (implicit[0] == 'i' || implicit[0] == 's')
            {
              char *flagged = g_strdup_printf ("%c%s", implicit[0], op);

              g_free (op);
              op = flagged;
            }
        }
      ps.p += len;
      skip_ws (&ps);
    }
  else if ((len = match_unary (ps.p, &un)))
    {
      const char *rest = ps.p + len;

      while (g_ascii_isspace (*rest))
        rest++;
      if (*rest)
        {
          *valid = FALSE;
          return NULL;
        }
      return g_strdup_printf ("%s %.*s", field, (int) len, ps.p);
    }
  if (*ps.p == '\0')
    {
      *valid = FALSE;
      return NULL;
    }
  value = parse_operand (&ps, TRUE);
  g_free (ps.error);
  skip_ws (&ps);
  if (value == NULL || *ps.p != '\0')
    {
      *valid = FALSE;
      return NULL;
    }
  if (op == NULL)
    op = implicit_operator (t, c);
  if (value->kind == QN_VALUE && !value->is_num && strpbrk (value->text, " \t"))
    return g_strdup_printf ("%s %s \"%s\"", field, op, value->text);
  return g_strdup_printf ("%s %s %s", field, op, value->text);
}

/* The filter cells from a query of per-column conditions (as the filter
 * row writes them); other parts of the query leave the cells alone. */
static void
collect_statements (Qn *n, QnKind join, GPtrArray *out)
{
  if (n->kind == join)
    {
      collect_statements (n->left, join, out);
      collect_statements (n->right, join, out);
    }
  else
    g_ptr_array_add (out, n);
}

static void
filter_cells_from_query (Table *t)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new ();

  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *c = g_ptr_array_index (t->columns, i);

      g_clear_pointer (&c->filter_text, g_free);
      g_clear_pointer (&c->filter_query, g_free);
      c->filter_invalid = FALSE;
    }
  if (t->filter == NULL)
    return;
  collect_statements (t->filter, filter_joins_with_or (t) ? QN_OR : QN_AND, statements);
  for (guint i = 0; i < statements->len; i++)
    {
      Qn *s = g_ptr_array_index (statements, i);
      Column *c;

      if ((s->kind != QN_REL && s->kind != QN_UNARY) || s->left->kind != QN_FIELD ||
          (c = column_by_id (t, s->left->str)) == NULL || c->filter_text)
        continue;
      if (s->kind == QN_UNARY)
        c->filter_text = g_strdup (s->text);
      else
        {
          g_autofree char *implicit = implicit_operator (t, c);

          c->filter_text = g_ascii_strcasecmp (implicit, s->text) == 0 ||
                           (s->op == REL_EQ && g_str_equal (s->text, "="))
                           ? g_strdup (s->right->text)
                           : g_strdup_printf ("%s %s", s->text, s->right->text);
        }
      {
        gboolean valid;

        c->filter_query = column_filter_query (t, c, c->filter_text, &valid);
      }
    }
}

static void
commit_filter_text (Table *t, Column *c, const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(JsonObject) props = json_object_new ();
  gboolean valid;

  if (t->destroyed || !g_ptr_array_find (t->columns, c, NULL))
    return;
  g_clear_pointer (&c->filter_draft, g_free);
  if (g_strcmp0 (text, c->filter_text ? c->filter_text : "") == 0 && !c->filter_invalid)
    return;
  g_free (c->filter_text);
  c->filter_text = g_strdup (text);
  g_free (c->filter_query);
  c->filter_query = column_filter_query (t, c, text, &valid);
  c->filter_invalid = !valid;
  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *other = g_ptr_array_index (t->columns, i);

      if (other->filter_query)
        g_string_append_printf (query, "%s%s", query->len ? (filter_joins_with_or (t) ? " || " : " && ") : "",
                                other->filter_query);
    }
  table_refresh_cells (t);
  if (g_str_equal (query->str, prop_string (t, "filter_query", "")))
    return;
  g_free (t->own_query);
  t->own_query = g_strdup (query->str);
  json_object_set_string_member (props, "filter_query", query->str);
  clear_cells (t, props);
  report (t, props);
}

static void commit_edit_text (Table *t, Column *c, int index, int row, const char *text);

typedef struct {
  Column *column;
  char *text;
  gboolean edit;
  int index, row;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  column_unref (p->column);
  g_free (p->text);
  g_free (p);
}

static gboolean
run_pending (gpointer data)
{
  Table *t = data;
  g_autoptr(GPtrArray) pending = t->pending;

  t->pending = g_ptr_array_new_with_free_func (pending_free);
  t->pending_source = 0;
  for (guint i = 0; i < pending->len && !t->destroyed; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      if (p->edit)
        commit_edit_text (t, p->column, p->index, p->row, p->text);
      else
        commit_filter_text (t, p->column, p->text);
    }
  return G_SOURCE_REMOVE;
}

/* Focus leaves while GTK rebuilds rows, too: commit from the main loop. */
static void
defer_commit (Table *t, Column *c, const char *text, gboolean edit, int index, int row)
{
  Pending *p = g_new0 (Pending, 1);

  p->column = column_ref (c);
  p->text = g_strdup (text);
  p->edit = edit;
  p->index = index;
  p->row = row;
  g_ptr_array_add (t->pending, p);
  if (t->pending_source == 0)
    t->pending_source = g_idle_add_full (G_PRIORITY_DEFAULT, run_pending, t, NULL);
}

static void
on_filter_activate (GtkEntry *entry, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");

  if (cell == NULL || cell->table == NULL || cell->table->guard)
    return;
  if (cell->page_pos == -1)
    {
      cell->filter_dirty = FALSE;
      commit_filter_text (cell->table, cell->column, gtk_editable_get_text (GTK_EDITABLE (entry)));
    }
  else if (cell->editing)
    cell_stop_editing (cell, TRUE, FALSE);
}

static void
on_filter_changed (GtkEditable *entry, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");

  if (cell == NULL || cell->table == NULL || cell->table->guard || cell->page_pos != -1)
    return;
  cell->filter_dirty = TRUE;
  g_free (cell->column->filter_draft);
  cell->column->filter_draft = g_strdup (gtk_editable_get_text (entry));
}

static void
on_entry_leave (GtkEventControllerFocus *focus, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");

  if (cell == NULL || cell->table == NULL || cell->table->guard || cell->table->destroyed)
    return;
  if (cell->page_pos == -1 && cell->filter_dirty)
    {
      cell->filter_dirty = FALSE;
      defer_commit (cell->table, cell->column, gtk_editable_get_text (GTK_EDITABLE (cell->entry)), FALSE, -1, -1);
    }
  else if (cell->editing)
    cell_stop_editing (cell, TRUE, TRUE);
}

static gboolean
on_entry_key (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");

  if (cell && keyval == GDK_KEY_Escape && cell->editing)
    {
      cell_stop_editing (cell, FALSE, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
cell_ensure_entry (Cell *cell)
{
  GtkEventController *focus, *key;

  if (cell->entry)
    return;
  cell->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (cell->entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (cell->entry), 4);
  gtk_entry_set_placeholder_text (GTK_ENTRY (cell->entry), "filter data…");
  gtk_widget_set_visible (cell->entry, FALSE);
  gtk_box_append (GTK_BOX (cell->box), cell->entry);
  g_signal_connect_object (cell->entry, "activate", G_CALLBACK (on_filter_activate), cell->box, 0);
  g_signal_connect_object (cell->entry, "changed", G_CALLBACK (on_filter_changed), cell->box, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_leave), cell->box, 0);
  gtk_widget_add_controller (cell->entry, focus);
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_entry_key), cell->box, 0);
  gtk_widget_add_controller (cell->entry, key);
}

/* -- editing -- */

static JsonNode *
on_change_failure (Column *c, const char *text, gboolean *ok)
{
  JsonObject *on_change = c->spec && json_object_has_member (c->spec, "on_change") &&
                          JSON_NODE_HOLDS_OBJECT (json_object_get_member (c->spec, "on_change"))
                          ? json_object_get_object_member (c->spec, "on_change") : NULL;
  const char *failure = on_change ? member_string (on_change, "failure", "reject")
                                  : "reject";

  if (g_str_equal (failure, "accept"))
    return nd_json_string (text);
  if (g_str_equal (failure, "default"))
    {
      JsonObject *validation = c->spec && json_object_has_member (c->spec, "validation") &&
                               JSON_NODE_HOLDS_OBJECT (json_object_get_member (c->spec, "validation"))
                               ? json_object_get_object_member (c->spec, "validation") : NULL;
      JsonNode *dflt = validation ? json_object_get_member (validation, "default") : NULL;

      return dflt ? nd_json_deep_copy (dflt) : nd_json_null ();
    }
  *ok = FALSE;
  return NULL;
}

/* What typing @text into a cell of @c stores, as dash-table coerces it. */
static JsonNode *
coerce_input (Column *c, const char *text, gboolean *ok)
{
  JsonObject *on_change = c->spec && json_object_has_member (c->spec, "on_change") &&
                          JSON_NODE_HOLDS_OBJECT (json_object_get_member (c->spec, "on_change"))
                          ? json_object_get_object_member (c->spec, "on_change") : NULL;
  const char *action = on_change ? member_string (on_change, "action", "coerce")
                                 : "coerce";
  double d;

  *ok = TRUE;
  if (g_str_equal (action, "none"))
    return nd_json_string (text);
  if (g_str_equal (c->type, "numeric"))
    {
      if (!text_is_numeric (text, &d))
        return on_change_failure (c, text, ok);
      if (d == floor (d) && fabs (d) < 9007199254740992.0)
        return nd_json_int ((gint64) d);
      return nd_json_double (d);
    }
  if (g_str_equal (c->type, "datetime"))
    {
      g_autofree char *date = normalize_date (text);

      if (date == NULL)
        return on_change_failure (c, text, ok);
      return nd_json_string (g_str_equal (action, "coerce") ? date : g_strstrip (g_strdup (text)));
    }
  return nd_json_string (text);
}

/* `data` with @index replaced by @row (or removed when @row is NULL); the
 * other rows are shared, not copied. */
static JsonNode *
data_with (Table *t, guint index, JsonObject *row)
{
  guint n = n_data (t);
  JsonArray *a = json_array_sized_new (n);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    {
      if (i == index)
        {
          if (row)
            json_array_add_object_element (a, json_object_ref (row));
          continue;
        }
      json_array_add_element (a, json_node_copy (json_array_get_element (t->data, i)));
    }
  json_node_take_array (node, a);
  return node;
}

static void
report_data (Table *t, JsonNode *data, JsonObject *props)
{
  json_object_set_member (props, "data", data);
  json_object_set_member (props, "data_previous", t->data_node ? json_node_ref (t->data_node) : nd_json_null ());
  json_object_set_int_member (props, "data_timestamp", now_ms ());
  report (t, props);
}

static void
commit_edit_value (Table *t, Column *c, int index, int row, JsonNode *value)
{
  JsonObject *old = row_at (t, index), *edited;
  g_autoptr(JsonObject) props = json_object_new ();
  JsonObjectIter it;
  const char *name;
  JsonNode *member;

  if (t->destroyed || index < 0 || (guint) index >= n_data (t) ||
      (old && nd_json_equal (json_object_get_member (old, c->id), value)))
    {
      json_node_unref (value);
      return;
    }
  edited = json_object_new ();
  if (old)
    {
      json_object_iter_init_ordered (&it, old);
      while (json_object_iter_next_ordered (&it, &name, &member))
        json_object_set_member (edited, name, json_node_copy (member));
    }
  json_object_set_member (edited, c->id, value);
  json_object_set_member (props, "active_cell", cell_coords (t, row, c->index));
  report_data (t, data_with (t, index, edited), props);
  json_object_unref (edited);
}

static void
commit_edit_text (Table *t, Column *c, int index, int row, const char *text)
{
  gboolean ok;
  JsonNode *value;

  if (t->destroyed || !g_ptr_array_find (t->columns, c, NULL))
    return;
  value = coerce_input (c, text, &ok);
  if (!ok)
    {
      /* rejected, as dash-table's on_change.failure "reject" */
      table_refresh_cells (t);
      return;
    }
  commit_edit_value (t, c, index, row, value);
}

static void
cell_stop_editing (Cell *cell, gboolean commit, gboolean defer)
{
  Table *t = cell->table;
  g_autofree char *text = NULL;
  JsonNode *value = NULL;
  Column *c;
  int row, index;

  if (!cell->editing || t == NULL)
    return;
  c = column_ref (cell->column);
  row = cell->page_pos;
  index = data_index_at (t, row);
  cell->editing = FALSE;
  if (t->editing == cell)
    t->editing = NULL;
  if (commit && cell->dropdown && gtk_widget_get_visible (cell->dropdown))
    {
      JsonNode *values = g_object_get_data (G_OBJECT (cell->dropdown), "nd-values");
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (cell->dropdown));

      if (values && selected < json_array_get_length (json_node_get_array (values)))
        value = nd_json_deep_copy (json_array_get_element (json_node_get_array (values), selected));
    }
  else if (commit && cell->entry && gtk_widget_get_visible (cell->entry))
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->entry)));
  t->guard++;
  gtk_widget_remove_css_class (cell->box, "nd-editing");
  /* hidden, not removed: this may run inside the drop-down's own
   * signal; the next edit replaces it */
  if (cell->dropdown)
    gtk_widget_set_visible (cell->dropdown, FALSE);
  t->guard--;
  cell_show (cell);
  if (text && defer)
    defer_commit (t, c, text, TRUE, index, row);
  else if (text)
    commit_edit_text (t, c, index, row, text);
  else if (value)
    commit_edit_value (t, c, index, row, value);
  /* the keyboard stays with the table */
  if (!defer && !t->destroyed && gtk_widget_get_mapped (t->view))
    gtk_widget_grab_focus (t->view);
  column_unref (c);
}

static void
on_dropdown_selected (GObject *dropdown, GParamSpec *pspec, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");

  if (cell && cell->table && !cell->table->guard && cell->editing)
    cell_stop_editing (cell, TRUE, FALSE);
}

/* The options of a dropdown cell: dropdown_data for its row, else dropdown. */
static JsonArray *
dropdown_options (Table *t, Column *c, int index)
{
  JsonArray *per_row = prop_array (t, "dropdown_data");
  JsonObject *by_column = prop_object (t, "dropdown");
  JsonNode *spec = NULL;

  if (per_row && index >= 0 && (guint) index < json_array_get_length (per_row))
    {
      JsonNode *row = json_array_get_element (per_row, index);

      if (JSON_NODE_HOLDS_OBJECT (row))
        spec = json_object_get_member (json_node_get_object (row), c->id);
    }
  if (spec == NULL && by_column)
    spec = json_object_get_member (by_column, c->id);
  if (spec && JSON_NODE_HOLDS_OBJECT (spec))
    {
      JsonNode *options = json_object_get_member (json_node_get_object (spec), "options");

      if (options && JSON_NODE_HOLDS_ARRAY (options))
        return json_node_get_array (options);
    }
  return NULL;
}

static void
cell_start_editing (Cell *cell)
{
  Table *t = cell->table;
  Column *c = cell->column;
  int index;
  JsonObject *row;
  JsonArray *options;

  if (cell->kind != CELL_DATA || cell->page_pos < 0 || cell->editing || !column_editable (t, c))
    return;
  if (t->editing)
    cell_stop_editing (t->editing, TRUE, FALSE);
  index = data_index_at (t, cell->page_pos);
  row = row_at (t, index);
  cell->editing = TRUE;
  t->editing = cell;
  t->guard++;
  gtk_widget_add_css_class (cell->box, "nd-editing");
  gtk_widget_set_visible (cell->label, FALSE);
  if (cell->arrow)
    gtk_widget_set_visible (cell->arrow, FALSE);
  options = g_str_equal (c->presentation, "dropdown") ? dropdown_options (t, c, index) : NULL;
  if (cell->dropdown)
    {
      gtk_box_remove (GTK_BOX (cell->box), cell->dropdown);
      cell->dropdown = NULL;
    }
  if (options)
    {
      GtkStringList *labels = gtk_string_list_new (NULL);
      JsonArray *values = json_array_new ();
      JsonNode *values_node = json_node_new (JSON_NODE_ARRAY);
      JsonNode *current = row ? json_object_get_member (row, c->id) : NULL;
      guint selected = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < json_array_get_length (options); i++)
        {
          JsonNode *o = json_array_get_element (options, i);
          JsonObject *oo = JSON_NODE_HOLDS_OBJECT (o) ? json_node_get_object (o) : NULL;
          g_autofree char *label = oo ? nd_value_text (json_object_get_member (oo, "label")) : NULL;
          JsonNode *value = oo ? json_object_get_member (oo, "value") : NULL;

          if (value == NULL)
            continue;
          gtk_string_list_append (labels, label);
          if (current && nd_json_equal (current, value))
            selected = json_array_get_length (values);
          json_array_add_element (values, nd_json_deep_copy (value));
        }
      json_node_take_array (values_node, values);
      cell->dropdown = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
      g_object_set_data_full (G_OBJECT (cell->dropdown), "nd-values", values_node, (GDestroyNotify) json_node_unref);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell->dropdown), selected);
      gtk_widget_set_hexpand (cell->dropdown, TRUE);
      gtk_box_append (GTK_BOX (cell->box), cell->dropdown);
      g_signal_connect_object (cell->dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), cell->box, 0);
      t->guard--;
      gtk_widget_grab_focus (cell->dropdown);
      return;
    }
  cell_ensure_entry (cell);
  {
    JsonNode *v = row ? json_object_get_member (row, c->id) : NULL;
    g_autofree char *text = v && (JSON_NODE_HOLDS_OBJECT (v) || JSON_NODE_HOLDS_ARRAY (v))
                            ? nd_json_to_string (v, FALSE) : nd_value_text (v);

    gtk_entry_set_placeholder_text (GTK_ENTRY (cell->entry), NULL);
    gtk_editable_set_text (GTK_EDITABLE (cell->entry), text);
  }
  gtk_widget_set_visible (cell->entry, TRUE);
  t->guard--;
  gtk_widget_grab_focus (cell->entry);
  gtk_editable_select_region (GTK_EDITABLE (cell->entry), 0, -1);
}

/* -- clicks -- */

static void
set_active (Table *t, int row, int col, gboolean extend)
{
  g_autoptr(JsonObject) props = json_object_new ();
  JsonArray *cells = json_array_new ();
  JsonNode *cells_node = json_node_new (JSON_NODE_ARRAY);
  int start_row = t->start_row, start_col = t->start_col;

  if (!extend || start_row < 0)
    {
      start_row = row;
      start_col = col;
      json_object_set_member (props, "active_cell", cell_coords (t, row, col));
      json_object_set_member (props, "start_cell", cell_coords (t, row, col));
    }
  /* shift-click: the rectangle from the start cell */
  for (int r = MIN (start_row, row); r <= MAX (start_row, row); r++)
    for (int c = MIN (start_col, col); c <= MAX (start_col, col); c++)
      json_array_add_element (cells, cell_coords (t, r, c));
  json_node_take_array (cells_node, cells);
  json_object_set_member (props, "end_cell", cell_coords (t, row, col));
  json_object_set_member (props, "selected_cells", cells_node);
  json_object_set_boolean_member (props, "is_focused", FALSE);
  report (t, props);
}

static void
on_cell_pressed (GtkGestureClick *gesture, int n_press, double x, double y, Cell *cell)
{
  Table *t = cell->table;
  GdkModifierType state;

  if (t == NULL || t->destroyed || cell->kind != CELL_DATA || cell->page_pos < 0 || cell->editing)
    return;
  if (!nd_prop_bool (t->component, "cell_selectable", TRUE))
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (n_press == 1 || t->active_row != cell->page_pos || t->active_col != (int) cell->column->index)
    set_active (t, cell->page_pos, cell->column->index, (state & GDK_SHIFT_MASK) != 0);
  if (n_press == 2)
    cell_start_editing (cell);
}

/* -- row selection and deletion -- */

static void
on_select_toggled (GtkCheckButton *check, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");
  Table *t = cell ? cell->table : NULL;
  g_autoptr(JsonObject) props = json_object_new ();
  JsonArray *rows, *ids;
  JsonNode *rows_node, *ids_node;
  int index;
  gboolean active = gtk_check_button_get_active (check);
  gboolean multi;

  if (t == NULL || t->guard || t->destroyed || cell->page_pos < 0)
    return;
  index = data_index_at (t, cell->page_pos);
  if (index < 0 || active == g_hash_table_contains (t->selected, GUINT_TO_POINTER (index + 1)))
    return;
  multi = g_strcmp0 (prop_string (t, "row_selectable", ""), "multi") == 0;
  if (!multi && !active)
    return;                 /* a radio button is unchecked by another one */
  rows = json_array_new ();
  ids = json_array_new ();
  if (multi)
    for (guint i = 0; i < t->selected_rows->len; i++)
      {
        guint s = g_array_index (t->selected_rows, guint, i);

        if ((int) s != index)
          json_array_add_int_element (rows, s);
      }
  if (active)
    json_array_add_int_element (rows, index);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    json_array_add_element (ids, row_id_node (t, json_array_get_int_element (rows, i)));
  rows_node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (rows_node, rows);
  ids_node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (ids_node, ids);
  json_object_set_member (props, "selected_rows", rows_node);
  json_object_set_member (props, "selected_row_ids", ids_node);
  report (t, props);
  /* the boxes show the table's selection, whatever became of the report */
  table_refresh_cells (t);
}

static void
on_delete_clicked (GtkButton *button, GtkWidget *box)
{
  Cell *cell = g_object_get_data (G_OBJECT (box), "nd-table-cell");
  Table *t = cell ? cell->table : NULL;
  g_autoptr(JsonObject) props = json_object_new ();
  int index;

  if (t == NULL || t->destroyed || cell->page_pos < 0 || (index = data_index_at (t, cell->page_pos)) < 0)
    return;
  if (t->selected_rows->len)
    {
      /* the selection follows the rows it named */
      JsonArray *rows = json_array_new (), *ids = json_array_new ();
      JsonNode *rows_node = json_node_new (JSON_NODE_ARRAY), *ids_node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < t->selected_rows->len; i++)
        {
          guint s = g_array_index (t->selected_rows, guint, i);

          if ((int) s == index)
            continue;
          json_array_add_element (ids, row_id_node (t, s));
          json_array_add_int_element (rows, (int) s > index ? s - 1 : s);
        }
      json_node_take_array (rows_node, rows);
      json_node_take_array (ids_node, ids);
      json_object_set_member (props, "selected_rows", rows_node);
      json_object_set_member (props, "selected_row_ids", ids_node);
    }
  clear_cells (t, props);
  report_data (t, data_with (t, index, NULL), props);
}

/* -- factories -- */

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  if (cell->table)
    {
      g_ptr_array_remove_fast (cell->table->cells, cell);
      if (cell->table->editing == cell)
        cell->table->editing = NULL;
    }
  g_clear_pointer (&cell->column, column_unref);
  g_free (cell);
}

static Cell *
cell_new (Table *t, Column *c, CellKind kind)
{
  Cell *cell = g_new0 (Cell, 1);

  cell->table = t;
  cell->column = c ? column_ref (c) : NULL;
  cell->kind = kind;
  cell->page_pos = G_MININT;
  cell->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (cell->box, "nd-cell");
  g_object_set_data_full (G_OBJECT (cell->box), "nd-table-cell", cell, cell_free);
  g_ptr_array_add (t->cells, cell);
  return cell;
}

static void
setup_data_cell (GtkSignalListItemFactory *factory, GtkListItem *item, Column *c)
{
  Cell *cell = cell_new (c->table, c, CELL_DATA);
  GtkGesture *click = gtk_gesture_click_new ();

  cell->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->label, "nd-cell-label");
  gtk_widget_set_hexpand (cell->label, TRUE);
  gtk_label_set_single_line_mode (GTK_LABEL (cell->label), FALSE);
  gtk_box_append (GTK_BOX (cell->box), cell->label);
  if (g_str_equal (c->presentation, "dropdown"))
    {
      cell->arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
      gtk_widget_add_css_class (cell->arrow, "dim-label");
      gtk_widget_set_visible (cell->arrow, FALSE);
      gtk_box_append (GTK_BOX (cell->box), cell->arrow);
    }
  cell_ensure_entry (cell);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), cell);
  gtk_widget_add_controller (cell->box, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, cell->box);
}

static void
setup_select_cell (GtkSignalListItemFactory *factory, GtkListItem *item, Table *t)
{
  Cell *cell = cell_new (t, NULL, CELL_SELECT);

  gtk_widget_add_css_class (cell->box, "nd-select");
  cell->check = gtk_check_button_new ();
  gtk_widget_set_hexpand (cell->check, TRUE);
  gtk_widget_set_halign (cell->check, GTK_ALIGN_CENTER);
  if (g_strcmp0 (prop_string (t, "row_selectable", ""), "single") == 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (cell->check), t->radio_group);
  g_signal_connect_object (cell->check, "toggled", G_CALLBACK (on_select_toggled), cell->box, 0);
  gtk_box_append (GTK_BOX (cell->box), cell->check);
  gtk_list_item_set_child (item, cell->box);
}

static void
setup_delete_cell (GtkSignalListItemFactory *factory, GtkListItem *item, Table *t)
{
  Cell *cell = cell_new (t, NULL, CELL_DELETE);

  gtk_widget_add_css_class (cell->box, "nd-delete");
  cell->button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (cell->button, "flat");
  gtk_widget_add_css_class (cell->button, "circular");
  gtk_widget_set_tooltip_text (cell->button, "Delete row");
  gtk_widget_set_hexpand (cell->button, TRUE);
  gtk_widget_set_halign (cell->button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (cell->button, GTK_ALIGN_CENTER);
  g_signal_connect_object (cell->button, "clicked", G_CALLBACK (on_delete_clicked), cell->box, 0);
  gtk_box_append (GTK_BOX (cell->box), cell->button);
  gtk_list_item_set_child (item, cell->box);
}

static Cell *
cell_of_item (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  return child ? g_object_get_data (G_OBJECT (child), "nd-table-cell") : NULL;
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  Cell *cell = cell_of_item (item);
  NdTableRow *row = gtk_list_item_get_item (item);

  if (cell == NULL || row == NULL)
    return;
  if (cell->editing)
    cell_stop_editing (cell, TRUE, TRUE);
  cell->page_pos = row->page_pos;
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  cell_show (cell);
}

static void
unbind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  Cell *cell = cell_of_item (item);

  if (cell == NULL)
    return;
  /* a filter being typed stays as the column's draft */
  if (cell->editing)
    cell_stop_editing (cell, TRUE, TRUE);
  cell->filter_dirty = FALSE;
  cell->page_pos = G_MININT;
}

static GtkListItemFactory *
factory_new (GCallback setup, gpointer data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);
  return factory;
}

/* ------------------------------------------------------------------------
 * Sorting from the headers
 *
 * GTK 4.8 keeps its column view sorter private.  A header click makes the
 * clicked column its primary sort column; comparing two dummy items calls
 * the columns' sorters in sort order, so the first one called is the
 * column clicked.  The table keeps Dash's own sort state (none → asc →
 * desc → none per click) and shows its first column as GTK's arrow.
 * ------------------------------------------------------------------------ */

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  Column *c = data;

  if (c->table && c->table->probing && c->table->probe_hit == NULL)
    c->table->probe_hit = c;
  return GTK_ORDERING_EQUAL;
}

static void
table_show_sort (Table *t)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (t->view);
  Column *primary = NULL;
  gboolean desc = FALSE;

  t->guard++;
  if (t->sort->len)
    {
      SortBy *s = &g_array_index (t->sort, SortBy, 0);

      primary = column_by_id (t, s->column_id);
      desc = s->desc;
    }
  gtk_column_view_sort_by_column (view, primary ? primary->column : NULL,
                                  desc ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  /* GTK draws one arrow; the other sort columns of multi mode say it */
  for (guint i = 0; i < t->columns->len; i++)
    {
      Column *c = g_ptr_array_index (t->columns, i);
      const char *mark = "";

      for (guint k = 1; k < t->sort->len; k++)
        if (g_str_equal (g_array_index (t->sort, SortBy, k).column_id, c->id))
          mark = g_array_index (t->sort, SortBy, k).desc ? " ▾" : " ▴";
      {
        g_autofree char *title = g_strconcat (c->name, mark, NULL);

        gtk_column_view_column_set_title (c->column, title);
      }
    }
  t->guard--;
}

static void
add_sort (JsonArray *a, const char *column_id, gboolean desc)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "column_id", column_id);
  json_object_set_string_member (o, "direction", desc ? "desc" : "asc");
  json_array_add_object_element (a, o);
}

/* A header click: that column goes none -> asc -> desc -> none; single
 * mode keeps only it, multi mode keeps the order of the clicks. */
static void
header_clicked (Table *t, Column *c)
{
  g_autoptr(JsonObject) props = json_object_new ();
  gboolean multi = g_strcmp0 (prop_string (t, "sort_mode", "single"), "multi") == 0;
  JsonArray *a = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  int found = -1, next = 1;

  for (guint i = 0; c && i < t->sort->len; i++)
    if (g_str_equal (g_array_index (t->sort, SortBy, i).column_id, c->id))
      found = i;
  if (found >= 0)
    next = g_array_index (t->sort, SortBy, found).desc ? 0 : 2;
  /* no column: GTK's sorter was cleared, which no click does */
  for (guint i = 0; c && i < t->sort->len; i++)
    {
      SortBy *s = &g_array_index (t->sort, SortBy, i);

      if ((int) i == found)
        {
          if (next)
            add_sort (a, s->column_id, next == 2);
        }
      else if (multi)
        add_sort (a, s->column_id, s->desc);
    }
  if (c && found < 0)
    add_sort (a, c->id, FALSE);
  json_node_take_array (node, a);
  json_object_set_member (props, "sort_by", node);
  clear_cells (t, props);
  report (t, props);
  /* GTK's arrow follows the table's sorting, whatever the click did */
  table_show_sort (t);
}

static void
on_view_sorter_changed (GtkSorter *sorter, GtkSorterChange change, Table *t)
{
  Column *hit;

  /* a view being taken apart drops its columns from the sorter too */
  if (t->guard || t->destroyed || gtk_widget_get_root (t->view) == NULL)
    return;
  t->probing = TRUE;
  t->probe_hit = NULL;
  gtk_sorter_compare (sorter, t->probe_a, t->probe_b);
  t->probing = FALSE;
  hit = t->probe_hit;
  t->probe_hit = NULL;
  if (action_of (t, "sort_action", ACTION_NONE) == ACTION_NONE)
    return;
  header_clicked (t, hit);
}

/* ------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------ */

static void on_toggle_column (GtkCheckButton *check, Table *t);

static void
table_build_toggles (Table *t)
{
  JsonArray *columns = prop_array (t, "columns");
  JsonArray *hidden = prop_array (t, "hidden_columns");
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (t->toggle_box)))
    gtk_box_remove (GTK_BOX (t->toggle_box), child);
  for (guint i = 0; columns && i < json_array_get_length (columns); i++)
    {
      JsonNode *spec = json_array_get_element (columns, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (spec) ? json_node_get_object (spec) : NULL;
      g_autofree char *id = NULL, *name = NULL;
      gboolean is_hidden = FALSE;
      GtkWidget *check;

      if (o == NULL || !nd_json_is_truthy (json_object_get_member (o, "hideable")))
        continue;
      id = id_text (json_object_get_member (o, "id"));
      name = nd_value_text (json_object_get_member (o, "name"));
      for (guint k = 0; hidden && k < json_array_get_length (hidden); k++)
        {
          g_autofree char *h = id_text (json_array_get_element (hidden, k));

          is_hidden |= g_str_equal (h, id);
        }
      check = gtk_check_button_new_with_label (*name ? name : id);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !is_hidden);
      g_object_set_data_full (G_OBJECT (check), "nd-column-id", g_steal_pointer (&id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_toggle_column), t);
      gtk_box_append (GTK_BOX (t->toggle_box), check);
      any = TRUE;
    }
  gtk_widget_set_visible (t->toolbar, any);
}

static void
on_toggle_column (GtkCheckButton *check, Table *t)
{
  g_autoptr(JsonObject) props = json_object_new ();
  JsonArray *hidden = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  if (t->guard || t->destroyed)
    {
      json_node_unref (node);
      json_array_unref (hidden);
      return;
    }
  for (GtkWidget *w = gtk_widget_get_first_child (t->toggle_box); w; w = gtk_widget_get_next_sibling (w))
    if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (w)))
      json_array_add_string_element (hidden, g_object_get_data (G_OBJECT (w), "nd-column-id"));
  json_node_take_array (node, hidden);
  json_object_set_member (props, "hidden_columns", node);
  clear_cells (t, props);
  /* the check boxes stay as the user left them */
  t->in_toggle = TRUE;
  report (t, props);
  t->in_toggle = FALSE;
}

static void
add_column (Table *t, GtkColumnViewColumn *column)
{
  gtk_column_view_append_column (GTK_COLUMN_VIEW (t->view), column);
  g_object_unref (column);
}

static void
table_build_columns (Table *t)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (t->view);
  GListModel *shown = gtk_column_view_get_columns (view);
  JsonArray *columns = prop_array (t, "columns");
  JsonArray *hidden = prop_array (t, "hidden_columns");
  gboolean sortable = action_of (t, "sort_action", ACTION_NONE) != ACTION_NONE;
  const char *selectable = nd_json_is_truthy (prop (t, "row_selectable"))
                           ? prop_string (t, "row_selectable", "") : NULL;

  t->guard++;
  if (t->editing)
    cell_stop_editing (t->editing, FALSE, FALSE);
  while (g_list_model_get_n_items (shown) > 0)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (shown, 0);

      gtk_column_view_remove_column (view, column);
      g_object_unref (column);
    }
  g_ptr_array_set_size (t->columns, 0);

  /* dash-table's order: delete, select, then the data columns */
  if (nd_prop_bool (t->component, "row_deletable", FALSE))
    {
      GtkColumnViewColumn *column =
        gtk_column_view_column_new (NULL, factory_new (G_CALLBACK (setup_delete_cell), t));

      gtk_column_view_column_set_fixed_width (column, 40);
      add_column (t, column);
    }
  if (selectable && (g_str_equal (selectable, "single") || g_str_equal (selectable, "multi")))
    {
      GtkColumnViewColumn *column =
        gtk_column_view_column_new (NULL, factory_new (G_CALLBACK (setup_select_cell), t));

      gtk_column_view_column_set_fixed_width (column, 40);
      add_column (t, column);
    }
  for (guint i = 0; columns && i < json_array_get_length (columns); i++)
    {
      JsonNode *spec = json_array_get_element (columns, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (spec) ? json_node_get_object (spec) : NULL;
      JsonNode *name;
      Column *c;
      gboolean is_hidden = FALSE;

      if (o == NULL || !json_object_has_member (o, "id"))
        continue;
      c = g_new0 (Column, 1);
      c->ref = 1;
      c->table = t;
      c->id = id_text (json_object_get_member (o, "id"));
      for (guint k = 0; hidden && k < json_array_get_length (hidden); k++)
        {
          g_autofree char *h = id_text (json_array_get_element (hidden, k));

          is_hidden |= g_str_equal (h, c->id);
        }
      if (is_hidden)
        {
          column_unref (c);
          continue;
        }
      name = json_object_get_member (o, "name");
      /* multi-row headers: the last row names the column */
      if (name && JSON_NODE_HOLDS_ARRAY (name) && json_array_get_length (json_node_get_array (name)))
        {
          JsonArray *rows = json_node_get_array (name);

          name = json_array_get_element (rows, json_array_get_length (rows) - 1);
        }
      c->name = name ? nd_value_text (name) : g_strdup (c->id);
      c->type = g_strdup (member_string (o, "type", "any"));
      c->presentation = g_strdup (member_string (o, "presentation", "input"));
      c->spec = json_object_ref (o);
      c->index = t->columns->len;
      c->column = gtk_column_view_column_new (c->name, factory_new (G_CALLBACK (setup_data_cell), c));
      gtk_column_view_column_set_resizable (c->column, TRUE);
      if (sortable)
        {
          GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, c, NULL));

          gtk_column_view_column_set_sorter (c->column, sorter);
          g_object_unref (sorter);
        }
      g_ptr_array_add (t->columns, c);
      add_column (t, g_object_ref (c->column));
    }
  /* without columns Dash shows nothing */
  gtk_widget_set_visible (t->scrolled, t->columns->len > 0);
  t->guard--;
}

/* ------------------------------------------------------------------------
 * The pager
 * ------------------------------------------------------------------------ */

static void
table_update_pager (Table *t)
{
  Action page_action = action_of (t, "page_action", ACTION_NATIVE);
  guint current = page_action == ACTION_NATIVE ? MIN (t->page_current, t->page_count - 1) : t->page_current;
  g_autofree char *text = NULL;
  gboolean known = t->page_count > 0;

  /* dash-table hides the pager with one page */
  gtk_widget_set_visible (t->pager, page_action != ACTION_NONE && (!known || t->page_count > 1));
  text = known ? g_strdup_printf ("Page %u of %u", current + 1, t->page_count)
               : g_strdup_printf ("Page %u", current + 1);
  gtk_label_set_text (GTK_LABEL (t->page_label), text);
  gtk_widget_set_sensitive (t->first_button, current > 0);
  gtk_widget_set_sensitive (t->prev_button, current > 0);
  gtk_widget_set_sensitive (t->next_button, !known || current + 1 < t->page_count);
  gtk_widget_set_sensitive (t->last_button, known && current + 1 < t->page_count);
}

static void
go_to_page (Table *t, guint page)
{
  g_autoptr(JsonObject) props = json_object_new ();
  Action page_action = action_of (t, "page_action", ACTION_NATIVE);

  if (t->destroyed)
    return;
  if (t->page_count > 0)
    page = MIN (page, t->page_count - 1);
  json_object_set_int_member (props, "page_current", page);
  if (page_action == ACTION_CUSTOM)
    {
      /* the data change with the page: the selection goes (§5.4) */
      json_object_set_member (props, "selected_rows", nd_json_array_new ());
      json_object_set_member (props, "selected_row_ids", nd_json_array_new ());
    }
  clear_cells (t, props);
  report (t, props);
}

static void
on_page_button (GtkButton *button, Table *t)
{
  guint current = t->page_count ? MIN (t->page_current, t->page_count - 1) : t->page_current;

  if (GTK_WIDGET (button) == t->first_button)
    go_to_page (t, 0);
  else if (GTK_WIDGET (button) == t->prev_button)
    go_to_page (t, current > 0 ? current - 1 : 0);
  else if (GTK_WIDGET (button) == t->next_button)
    go_to_page (t, current + 1);
  else
    go_to_page (t, t->page_count ? t->page_count - 1 : current);
}

static GtkWidget *
pager_button (Table *t, const char *icon, const char *name, const char *tip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_page_button), t);
  gtk_box_append (GTK_BOX (t->pager), button);
  return button;
}

/* ------------------------------------------------------------------------
 * Keyboard: Enter edits the active cell, arrows move it
 * ------------------------------------------------------------------------ */

static Cell *
cell_at (Table *t, int row, int col)
{
  for (guint i = 0; i < t->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (t->cells, i);

      if (cell->kind == CELL_DATA && cell->page_pos == row && (int) cell->column->index == col)
        return cell;
    }
  return NULL;
}

static gboolean
on_view_key (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state, Table *t)
{
  int row = t->active_row, col = t->active_col;

  if (t->editing || row < 0 || col < 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      {
        Cell *cell = cell_at (t, row, col);

        if (cell == NULL || !column_editable (t, cell->column))
          return FALSE;
        cell_start_editing (cell);
        return TRUE;
      }
    case GDK_KEY_Up:
      row--;
      break;
    case GDK_KEY_Down:
      row++;
      break;
    case GDK_KEY_Left:
      col--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_Tab:
      col++;
      break;
    default:
      return FALSE;
    }
  if (row < 0 || (guint) row >= t->page_len || col < 0 || (guint) col >= t->columns->len)
    return TRUE;
  set_active (t, row, col, FALSE);
  {
    /* keep it in sight */
    GtkWidget *list = gtk_widget_get_last_child (t->view);
    guint pos = row + (t->rows->filter_row ? 1 : 0);

    if (list)
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------------ */

static void
table_free (gpointer data)
{
  Table *t = data;

  t->destroyed = TRUE;
  g_clear_pointer (&t->inferred_columns, json_node_unref);
  g_clear_pointer (&t->inferred_from, json_node_unref);
  g_clear_handle_id (&t->report_source, g_source_remove);
  for (guint i = 0; i < t->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (t->cells, i);

      cell->table = NULL;
      if (cell->column)
        cell->column->table = NULL;
    }
  for (guint i = 0; i < t->columns->len; i++)
    ((Column *) g_ptr_array_index (t->columns, i))->table = NULL;
  g_ptr_array_unref (t->cells);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->rules);
  if (t->css)
    {
      gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (t->css));
      g_object_unref (t->css);
    }
  g_free (t->css_class);
  for (guint i = 0; i < t->sort->len; i++)
    g_free (g_array_index (t->sort, SortBy, i).column_id);
  g_array_unref (t->sort);
  g_array_unref (t->filtered);
  g_array_unref (t->virtual);
  g_hash_table_unref (t->keys);
  g_hash_table_unref (t->selected);
  g_array_unref (t->selected_rows);
  g_hash_table_unref (t->reported);
  g_hash_table_unref (t->echoed);
  g_clear_handle_id (&t->pending_source, g_source_remove);
  g_ptr_array_unref (t->pending);
  g_free (t->own_query);
  qn_free (t->filter);
  g_free (t->filter_error);
  g_free (t->filter_query);
  g_clear_pointer (&t->data_node, json_node_unref);
  g_clear_pointer (&t->component, json_node_unref);
  g_clear_object (&t->rows);
  g_clear_object (&t->probe_a);
  g_clear_object (&t->probe_b);
  if (t->radio_group)
    g_object_unref (t->radio_group);
  g_free (t);
}

static void
on_root_destroy (GtkWidget *root, Table *t)
{
  /* the widgets go now; nothing they do reports any more */
  t->destroyed = TRUE;
  g_clear_handle_id (&t->report_source, g_source_remove);
  g_clear_handle_id (&t->pending_source, g_source_remove);
}

static void
on_view_map (GtkWidget *view, Table *t)
{
  table_style_headers (t);
}

static GtkWidget *
table_create (NdRenderer *renderer, JsonNode *component)
{
  static guint serial;
  Table *t = g_new0 (Table, 1);
  GtkWidget *menu_button, *popover;
  GtkEventController *key;

  t->renderer = renderer;
  t->component = json_node_ref (component);
  t->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_unref);
  t->cells = g_ptr_array_new ();
  t->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  t->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t->filtered = g_array_new (FALSE, FALSE, sizeof (guint));
  t->virtual = g_array_new (FALSE, FALSE, sizeof (guint));
  t->sort = g_array_new (FALSE, FALSE, sizeof (SortBy));
  t->selected = g_hash_table_new (NULL, NULL);
  t->selected_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  t->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  t->echoed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->pending = g_ptr_array_new_with_free_func (pending_free);
  t->rows = g_object_new (ND_TYPE_TABLE_ROWS, NULL);
  t->probe_a = g_object_new (ND_TYPE_TABLE_ROW, NULL);
  t->probe_b = g_object_new (ND_TYPE_TABLE_ROW, NULL);
  t->radio_group = g_object_ref_sink (GTK_CHECK_BUTTON (gtk_check_button_new ()));
  t->active_row = t->active_col = -1;
  t->css_class = g_strdup_printf ("nd-table-%u", ++serial);
  t->css = gtk_css_provider_new ();
  g_signal_connect (t->css, "parsing-error", G_CALLBACK (on_css_error), NULL);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (t->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);

  t->root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (t->root, "nd-datatable");
  g_object_set_data_full (G_OBJECT (t->root), "nd-table", t, table_free);
  g_signal_connect (t->root, "destroy", G_CALLBACK (on_root_destroy), t);

  /* Toggle Columns, when columns are hideable */
  t->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), "Toggle Columns");
  popover = gtk_popover_new ();
  t->toggle_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_popover_set_child (GTK_POPOVER (popover), t->toggle_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_box_append (GTK_BOX (t->toolbar), menu_button);
  gtk_widget_set_visible (t->toolbar, FALSE);
  gtk_box_append (GTK_BOX (t->root), t->toolbar);

  t->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (t->message), 0);
  gtk_label_set_wrap (GTK_LABEL (t->message), TRUE);
  gtk_widget_add_css_class (t->message, "error");
  gtk_widget_add_css_class (t->message, "nd-table-message");
  gtk_widget_set_visible (t->message, FALSE);
  gtk_box_append (GTK_BOX (t->root), t->message);

  t->view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (t->rows)))));
  gtk_widget_add_css_class (t->view, "data-table");
  gtk_widget_add_css_class (t->view, t->css_class);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (t->view), FALSE);
  g_signal_connect (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (t->view)), "changed",
                    G_CALLBACK (on_view_sorter_changed), t);
  g_signal_connect (t->view, "map", G_CALLBACK (on_view_map), t);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_view_key), t);
  gtk_widget_add_controller (t->view, key);
  t->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (t->scrolled), TRUE);
  {
    g_autofree char *frame_class = g_strconcat (t->css_class, "-frame", NULL);

    gtk_widget_add_css_class (t->scrolled, frame_class);
  }
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (t->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (t->scrolled), t->view);
  gtk_box_append (GTK_BOX (t->root), t->scrolled);

  t->pager = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (t->pager, "nd-table-pager");
  gtk_widget_set_halign (t->pager, GTK_ALIGN_END);
  t->first_button = pager_button (t, "go-first-symbolic", "first-page", "First page");
  t->prev_button = pager_button (t, "go-previous-symbolic", "previous-page", "Previous page");
  t->page_label = gtk_label_new (NULL);
  gtk_widget_set_margin_start (t->page_label, 8);
  gtk_widget_set_margin_end (t->page_label, 8);
  gtk_label_set_width_chars (GTK_LABEL (t->page_label), 12);
  gtk_widget_add_css_class (t->page_label, "numeric");
  gtk_box_append (GTK_BOX (t->pager), t->page_label);
  t->next_button = pager_button (t, "go-next-symbolic", "next-page", "Next page");
  t->last_button = pager_button (t, "go-last-symbolic", "last-page", "Last page");
  gtk_box_append (GTK_BOX (t->root), t->pager);

  table_set_data (t);
  table_set_sort (t);
  table_set_selected (t);
  table_set_cells (t);
  table_build_columns (t);
  table_build_toggles (t);
  table_set_filter (t);
  filter_cells_from_query (t);
  table_apply_styles (t);
  table_show_sort (t);
  table_recompute (t, STAGE_FILTER);
  mount_derived (t);
  return t->root;
}

static gboolean
table_apply_prop (Table *t, const char *name)
{
  if (g_str_equal (name, "data"))
    {
      if (t->editing)
        cell_stop_editing (t->editing, FALSE, FALSE);
      table_set_data (t);
      table_recompute (t, STAGE_FILTER);
    }
  else if (g_str_equal (name, "columns") || g_str_equal (name, "hidden_columns") ||
           g_str_equal (name, "row_selectable") || g_str_equal (name, "row_deletable") ||
           g_str_equal (name, "sort_action"))
    {
      table_build_columns (t);
      if (!t->in_toggle)
        table_build_toggles (t);
      filter_cells_from_query (t);
      table_apply_styles (t);
      table_show_sort (t);
      table_recompute (t, STAGE_FILTER);
    }
  else if (g_str_equal (name, "filter_query") || g_str_equal (name, "filter_action") ||
           g_str_equal (name, "filter_options"))
    {
      table_set_filter (t);
      /* the filter row wrote this query: its cells already say it */
      if (g_strcmp0 (t->own_query, prop_string (t, "filter_query", "")) != 0 || !g_str_equal (name, "filter_query"))
        filter_cells_from_query (t);
      table_recompute (t, STAGE_FILTER);
    }
  else if (g_str_equal (name, "sort_by") || g_str_equal (name, "sort_mode") || g_str_equal (name, "sort_as_null"))
    {
      if (g_str_equal (name, "sort_as_null"))
        g_hash_table_remove_all (t->keys);
      table_set_sort (t);
      table_show_sort (t);
      table_recompute (t, STAGE_SORT);
    }
  else if (g_str_equal (name, "page_current") || g_str_equal (name, "page_size") ||
           g_str_equal (name, "page_action") || g_str_equal (name, "page_count"))
    table_recompute (t, g_str_equal (name, "page_action") ? STAGE_FILTER : STAGE_PAGE);
  else if (g_str_equal (name, "selected_rows") || g_str_equal (name, "selected_row_ids"))
    {
      table_set_selected (t);
      table_refresh_cells (t);
      schedule_derived (t);
    }
  else if (g_str_equal (name, "active_cell") || g_str_equal (name, "start_cell") ||
           g_str_equal (name, "end_cell") || g_str_equal (name, "selected_cells"))
    {
      table_set_cells (t);
      table_refresh_cells (t);
    }
  else if (g_str_equal (name, "selected_columns"))
    schedule_derived (t);
  else if (g_str_has_prefix (name, "style_") || g_str_equal (name, "fill_width") ||
           g_str_has_prefix (name, "tooltip") || g_str_has_prefix (name, "dropdown") ||
           g_str_equal (name, "editable") || g_str_equal (name, "cell_selectable"))
    {
      table_apply_styles (t);
      table_refresh_cells (t);
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
table_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *name, JsonNode *value)
{
  Table *t = g_object_get_data (G_OBJECT (widget), "nd-table");

  if (t == NULL || g_str_equal (name, "id") || g_str_equal (name, "style") || g_str_equal (name, "className"))
    return FALSE;
  if (t->reporting)
    g_hash_table_add (t->echoed, g_strdup (name));
  if (!is_state_only (name))
    table_apply_prop (t, name);
  /* the rest (css, fixed_rows, export_format, …) is state only */
  return TRUE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_TABLE, "DataTable", FALSE, table_create, table_update },
};

void
nd_table_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
