/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * CSS colours as plotly accepts them (hex, rgb[a](), hsl[a](), names) and
 * colour scales: plotly's named scales plus the plotly template's
 * sequential default, evaluated piecewise linearly in RGB as plotly does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nd-chart-private.h"

typedef struct {
  const char *name;
  guint32     rgb;
} NamedColor;

/* Sorted for bsearch. */
static const NamedColor named_colors[] = {
  { "aliceblue", 0xf0f8ff }, { "antiquewhite", 0xfaebd7 }, { "aqua", 0x00ffff },
  { "aquamarine", 0x7fffd4 }, { "azure", 0xf0ffff }, { "beige", 0xf5f5dc },
  { "bisque", 0xffe4c4 }, { "black", 0x000000 }, { "blanchedalmond", 0xffebcd },
  { "blue", 0x0000ff }, { "blueviolet", 0x8a2be2 }, { "brown", 0xa52a2a },
  { "burlywood", 0xdeb887 }, { "cadetblue", 0x5f9ea0 }, { "chartreuse", 0x7fff00 },
  { "chocolate", 0xd2691e }, { "coral", 0xff7f50 }, { "cornflowerblue", 0x6495ed },
  { "cornsilk", 0xfff8dc }, { "crimson", 0xdc143c }, { "cyan", 0x00ffff },
  { "darkblue", 0x00008b }, { "darkcyan", 0x008b8b }, { "darkgoldenrod", 0xb8860b },
  { "darkgray", 0xa9a9a9 }, { "darkgreen", 0x006400 }, { "darkgrey", 0xa9a9a9 },
  { "darkkhaki", 0xbdb76b }, { "darkmagenta", 0x8b008b }, { "darkolivegreen", 0x556b2f },
  { "darkorange", 0xff8c00 }, { "darkorchid", 0x9932cc }, { "darkred", 0x8b0000 },
  { "darksalmon", 0xe9967a }, { "darkseagreen", 0x8fbc8f }, { "darkslateblue", 0x483d8b },
  { "darkslategray", 0x2f4f4f }, { "darkslategrey", 0x2f4f4f }, { "darkturquoise", 0x00ced1 },
  { "darkviolet", 0x9400d3 }, { "deeppink", 0xff1493 }, { "deepskyblue", 0x00bfff },
  { "dimgray", 0x696969 }, { "dimgrey", 0x696969 }, { "dodgerblue", 0x1e90ff },
  { "firebrick", 0xb22222 }, { "floralwhite", 0xfffaf0 }, { "forestgreen", 0x228b22 },
  { "fuchsia", 0xff00ff }, { "gainsboro", 0xdcdcdc }, { "ghostwhite", 0xf8f8ff },
  { "gold", 0xffd700 }, { "goldenrod", 0xdaa520 }, { "gray", 0x808080 },
  { "green", 0x008000 }, { "greenyellow", 0xadff2f }, { "grey", 0x808080 },
  { "honeydew", 0xf0fff0 }, { "hotpink", 0xff69b4 }, { "indianred", 0xcd5c5c },
  { "indigo", 0x4b0082 }, { "ivory", 0xfffff0 }, { "khaki", 0xf0e68c },
  { "lavender", 0xe6e6fa }, { "lavenderblush", 0xfff0f5 }, { "lawngreen", 0x7cfc00 },
  { "lemonchiffon", 0xfffacd }, { "lightblue", 0xadd8e6 }, { "lightcoral", 0xf08080 },
  { "lightcyan", 0xe0ffff }, { "lightgoldenrodyellow", 0xfafad2 }, { "lightgray", 0xd3d3d3 },
  { "lightgreen", 0x90ee90 }, { "lightgrey", 0xd3d3d3 }, { "lightpink", 0xffb6c1 },
  { "lightsalmon", 0xffa07a }, { "lightseagreen", 0x20b2aa }, { "lightskyblue", 0x87cefa },
  { "lightslategray", 0x778899 }, { "lightslategrey", 0x778899 }, { "lightsteelblue", 0xb0c4de },
  { "lightyellow", 0xffffe0 }, { "lime", 0x00ff00 }, { "limegreen", 0x32cd32 },
  { "linen", 0xfaf0e6 }, { "magenta", 0xff00ff }, { "maroon", 0x800000 },
  { "mediumaquamarine", 0x66cdaa }, { "mediumblue", 0x0000cd }, { "mediumorchid", 0xba55d3 },
  { "mediumpurple", 0x9370db }, { "mediumseagreen", 0x3cb371 }, { "mediumslateblue", 0x7b68ee },
  { "mediumspringgreen", 0x00fa9a }, { "mediumturquoise", 0x48d1cc }, { "mediumvioletred", 0xc71585 },
  { "midnightblue", 0x191970 }, { "mintcream", 0xf5fffa }, { "mistyrose", 0xffe4e1 },
  { "moccasin", 0xffe4b5 }, { "navajowhite", 0xffdead }, { "navy", 0x000080 },
  { "oldlace", 0xfdf5e6 }, { "olive", 0x808000 }, { "olivedrab", 0x6b8e23 },
  { "orange", 0xffa500 }, { "orangered", 0xff4500 }, { "orchid", 0xda70d6 },
  { "palegoldenrod", 0xeee8aa }, { "palegreen", 0x98fb98 }, { "paleturquoise", 0xafeeee },
  { "palevioletred", 0xdb7093 }, { "papayawhip", 0xffefd5 }, { "peachpuff", 0xffdab9 },
  { "peru", 0xcd853f }, { "pink", 0xffc0cb }, { "plum", 0xdda0dd },
  { "powderblue", 0xb0e0e6 }, { "purple", 0x800080 }, { "rebeccapurple", 0x663399 },
  { "red", 0xff0000 }, { "rosybrown", 0xbc8f8f }, { "royalblue", 0x4169e1 },
  { "saddlebrown", 0x8b4513 }, { "salmon", 0xfa8072 }, { "sandybrown", 0xf4a460 },
  { "seagreen", 0x2e8b57 }, { "seashell", 0xfff5ee }, { "sienna", 0xa0522d },
  { "silver", 0xc0c0c0 }, { "skyblue", 0x87ceeb }, { "slateblue", 0x6a5acd },
  { "slategray", 0x708090 }, { "slategrey", 0x708090 }, { "snow", 0xfffafa },
  { "springgreen", 0x00ff7f }, { "steelblue", 0x4682b4 }, { "tan", 0xd2b48c },
  { "teal", 0x008080 }, { "thistle", 0xd8bfd8 }, { "tomato", 0xff6347 },
  { "turquoise", 0x40e0d0 }, { "violet", 0xee82ee }, { "wheat", 0xf5deb3 },
  { "white", 0xffffff }, { "whitesmoke", 0xf5f5f5 }, { "yellow", 0xffff00 },
  { "yellowgreen", 0x9acd32 },
};

static int
named_cmp (const void *key, const void *elem)
{
  return g_ascii_strcasecmp (key, ((const NamedColor *) elem)->name);
}

static double
hue_to_rgb (double p, double q, double t)
{
  if (t < 0)
    t += 1;
  if (t > 1)
    t -= 1;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 0.5)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

/* Parses the comma or space separated numbers inside "fn( ... )"; a
 * trailing % scales by @pct_scale. */
static int
parse_fn_args (const char *p, double *v, int max, gboolean *pct)
{
  int n = 0;

  while (*p && n < max)
    {
      char *end;

      while (*p == ' ' || *p == ',' || *p == '/' || *p == '\t')
        p++;
      if (*p == ')' || *p == '\0')
        break;
      v[n] = g_ascii_strtod (p, &end);
      if (end == p)
        return -1;
      pct[n] = (*end == '%');
      if (pct[n])
        end++;
      p = end;
      n++;
    }
  return n;
}

/**
 * nd_rgba_parse: (skip)
 *
 * Returns: whether @str is a colour plotly would accept; @out is left
 * untouched otherwise.
 */
gboolean
nd_rgba_parse (NdRgba *out, const char *str)
{
  g_autofree char *s = NULL;
  double v[4];
  gboolean pct[4];
  int n;

  if (str == NULL)
    return FALSE;
  s = g_strstrip (g_ascii_strdown (str, -1));
  if (s[0] == '#')
    {
      size_t len = strlen (s + 1);
      guint32 x = 0;

      for (size_t i = 1; i <= len; i++)
        if (!g_ascii_isxdigit (s[i]))
          return FALSE;
      x = (guint32) strtoul (s + 1, NULL, 16);
      if (len == 3 || len == 4)
        {
          guint r = (x >> (len == 4 ? 12 : 8)) & 15, g = (x >> (len == 4 ? 8 : 4)) & 15;
          guint b = (x >> (len == 4 ? 4 : 0)) & 15, a = len == 4 ? (x & 15) : 15;
          *out = (NdRgba) { r * 17 / 255.0, g * 17 / 255.0, b * 17 / 255.0, a * 17 / 255.0 };
          return TRUE;
        }
      if (len == 6 || len == 8)
        {
          guint32 rgb = len == 8 ? x >> 8 : x;
          double a = len == 8 ? (x & 255) / 255.0 : 1.0;
          *out = (NdRgba) { ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                            (rgb & 255) / 255.0, a };
          return TRUE;
        }
      return FALSE;
    }
  if (g_str_has_prefix (s, "rgb"))
    {
      const char *p = strchr (s, '(');

      if (p == NULL || (n = parse_fn_args (p + 1, v, 4, pct)) < 3)
        return FALSE;
      for (int i = 0; i < 3; i++)
        v[i] = CLAMP (pct[i] ? v[i] * 2.55 : v[i], 0, 255) / 255.0;
      *out = (NdRgba) { v[0], v[1], v[2], n == 4 ? CLAMP (pct[3] ? v[3] / 100 : v[3], 0, 1) : 1.0 };
      return TRUE;
    }
  if (g_str_has_prefix (s, "hsl"))
    {
      const char *p = strchr (s, '(');
      double h, sat, l, q, pp;

      if (p == NULL || (n = parse_fn_args (p + 1, v, 4, pct)) < 3)
        return FALSE;
      h = fmod (fmod (v[0], 360) + 360, 360) / 360;
      sat = CLAMP (v[1] / 100, 0, 1);
      l = CLAMP (v[2] / 100, 0, 1);
      q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat;
      pp = 2 * l - q;
      *out = (NdRgba) { hue_to_rgb (pp, q, h + 1.0 / 3), hue_to_rgb (pp, q, h),
                        hue_to_rgb (pp, q, h - 1.0 / 3),
                        n == 4 ? CLAMP (pct[3] ? v[3] / 100 : v[3], 0, 1) : 1.0 };
      return TRUE;
    }
  if (strcmp (s, "transparent") == 0)
    {
      *out = (NdRgba) { 0, 0, 0, 0 };
      return TRUE;
    }
  {
    const NamedColor *nc = bsearch (s, named_colors, G_N_ELEMENTS (named_colors),
                                    sizeof (NamedColor), named_cmp);
    if (nc)
      {
        *out = (NdRgba) { ((nc->rgb >> 16) & 255) / 255.0, ((nc->rgb >> 8) & 255) / 255.0,
                          (nc->rgb & 255) / 255.0, 1.0 };
        return TRUE;
      }
  }
  return FALSE;
}

gboolean
nd_rgba_from_node (NdRgba *out, JsonNode *node)
{
  if (node == NULL || !nd_json_is_string (node))
    return FALSE;
  return nd_rgba_parse (out, json_node_get_string (node));
}

static inline guint
to_byte (double v)
{
  return (guint) CLAMP (v * 255.0 + 0.5, 0, 255);
}

guint32
nd_rgba_to_premul (const NdRgba *c, double opacity)
{
  double a = c->a * opacity;

  return (to_byte (a) << 24) | (to_byte (c->r * a) << 16) | (to_byte (c->g * a) << 8) |
         to_byte (c->b * a);
}

guint32
nd_rgba_to_argb (const NdRgba *c)
{
  return (to_byte (c->a) << 24) | (to_byte (c->r) << 16) | (to_byte (c->g) << 8) | to_byte (c->b);
}

NdRgba
nd_rgba_from_argb (guint32 argb)
{
  return (NdRgba) { ((argb >> 16) & 255) / 255.0, ((argb >> 8) & 255) / 255.0,
                    (argb & 255) / 255.0, (argb >> 24) / 255.0 };
}

void
nd_rgba_set_source (cairo_t *cr, const NdRgba *c, double opacity)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * opacity);
}

/* tinycolor's brightness test, which plotly's Color.contrast uses. */
gboolean
nd_rgba_is_light (const NdRgba *c)
{
  return (c->r * 299 + c->g * 587 + c->b * 114) * 255 / 1000 >= 128;
}

/* ---- colour scales ---- */

typedef struct {
  const char *name;
  const char *stops;   /* "t:#rrggbb t:#rrggbb ..." */
} NamedScale;

static const NamedScale named_scales[] = {
  { "Greys", "0:#000000 1:#ffffff" },
  { "YlGnBu", "0:#081d58 .125:#253494 .25:#225ea8 .375:#1d91c0 .5:#41b6c4 .625:#7fcdbb "
              ".75:#c7e9b4 .875:#edf8d9 1:#ffffd9" },
  { "Greens", "0:#00441b .125:#006d2c .25:#238b45 .375:#41ab5d .5:#74c476 .625:#a1d99b "
              ".75:#c7e9c0 .875:#e5f5e0 1:#f7fcf5" },
  { "YlOrRd", "0:#800026 .125:#bd0026 .25:#e31a1c .375:#fc4e2a .5:#fd8d3c .625:#feb24c "
              ".75:#fed976 .875:#ffeda0 1:#ffffcc" },
  { "Bluered", "0:#0000ff 1:#ff0000" },
  { "RdBu", "0:#050aac .35:#6a89f7 .5:#bebebe .6:#dcaa84 .7:#e6915a 1:#b20a1c" },
  { "Reds", "0:#dcdcdc .2:#f5c39d .4:#f5a069 1:#b20a1c" },
  { "Blues", "0:#050aac .35:#283cbe .5:#4664f5 .6:#5a78f5 .7:#6a89f7 1:#dcdcdc" },
  { "Picnic", "0:#0000ff .1:#3399ff .2:#66ccff .3:#99ccff .4:#ccccff .5:#ffffff .6:#ffccff "
              ".7:#ff99ff .8:#ff66cc .9:#ff6666 1:#ff0000" },
  { "Rainbow", "0:#96005a .125:#0000c8 .25:#0019ff .375:#0098ff .5:#2cff96 .625:#97ff00 "
               ".75:#ffea00 .875:#ff6f00 1:#ff0000" },
  { "Portland", "0:#0c3383 .25:#0a88ba .5:#f2d338 .75:#f28f38 1:#d91e1e" },
  { "Jet", "0:#000083 .125:#003caa .375:#05ffff .625:#ffff00 .875:#fa0000 1:#800000" },
  { "Hot", "0:#000000 .3:#e60000 .6:#ffd200 1:#ffffff" },
  { "Blackbody", "0:#000000 .2:#e60000 .4:#e6d200 .7:#ffffff 1:#a0c8ff" },
  { "Earth", "0:#000082 .1:#00b4b4 .2:#28d228 .4:#e6e632 .6:#784614 1:#ffffff" },
  { "Electric", "0:#000000 .15:#1e0064 .4:#780064 .6:#a05a00 .8:#e6c800 1:#fffadc" },
  { "Viridis", "0:#440154 .06274509803921569:#48186a .12549019607843137:#472d7b "
               ".18823529411764706:#424086 .25098039215686274:#3b528b .3137254901960784:#33638d "
               ".3764705882352941:#2c728e .4392156862745098:#26828e .5019607843137255:#21918c "
               ".5647058823529412:#1fa088 .6274509803921569:#28ae80 .6901960784313725:#3fbc73 "
               ".7529411764705882:#5ec962 .8156862745098039:#84d44b .8784313725490196:#addc30 "
               ".9411764705882353:#d8e219 1:#fde725" },
  { "Cividis", "0:#00204c .058824:#002a66 .117647:#00346e .176471:#273f6c .235294:#3c4a6b "
               ".294118:#4c556b .352941:#5b5f6d .411765:#686a70 .470588:#757575 .529412:#838178 "
               ".588235:#928c78 .647059:#a19876 .705882:#b0a572 .764706:#c0b16d .823529:#d1bf66 "
               ".882353:#e1cc5c .941176:#f3db4f 1:#ffe945" },
  /* plotly.py's sequential scales, which Dash figures name too */
  { "Plasma", "0:#0d0887 .1111111111111111:#46039f .2222222222222222:#7201a8 "
              ".3333333333333333:#9c179e .4444444444444444:#bd3786 .5555555555555556:#d8576b "
              ".6666666666666666:#ed7953 .7777777777777778:#fb9f3a .8888888888888888:#fdca26 "
              "1:#f0f921" },
  { "Inferno", "0:#000004 .1111111111111111:#1b0c41 .2222222222222222:#4a0c6b "
               ".3333333333333333:#781c6d .4444444444444444:#a52c60 .5555555555555556:#cf4446 "
               ".6666666666666666:#ed6925 .7777777777777778:#fb9b06 .8888888888888888:#f7d13d "
               "1:#fcffa4" },
  { "Magma", "0:#000004 .1111111111111111:#180f3d .2222222222222222:#440f76 "
             ".3333333333333333:#721f81 .4444444444444444:#9e2f7f .5555555555555556:#cd4071 "
             ".6666666666666666:#f1605d .7777777777777778:#fd9668 .8888888888888888:#feca8d "
             "1:#fcfdbf" },
  { "Turbo", "0:#30123b .0909:#4145ab .1818:#4675ed .2727:#39a2fc .3636:#1bcfd4 .4545:#24eca6 "
             ".5454:#61fc6c .6363:#a4fc3b .7272:#d1e834 .8181:#f3c63a .9090:#fe9b2d 1:#f36315" },
};

static NdColorscale *
colorscale_alloc (guint n)
{
  NdColorscale *cs = g_new0 (NdColorscale, 1);

  cs->n = n;
  cs->t = g_new0 (double, n);
  cs->c = g_new0 (NdRgba, n);
  return cs;
}

/**
 * nd_colorscale_named: (skip)
 *
 * Case-insensitive, with plotly.py's "_r" suffix for a reversed scale.
 */
NdColorscale *
nd_colorscale_named (const char *name)
{
  g_autofree char *base = g_strdup (name);
  gboolean rev = FALSE;
  size_t len = strlen (base);

  if (len > 2 && g_str_has_suffix (base, "_r"))
    {
      base[len - 2] = '\0';
      rev = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named_scales); i++)
    if (g_ascii_strcasecmp (named_scales[i].name, base) == 0)
      {
        g_auto(GStrv) stops = g_strsplit (named_scales[i].stops, " ", -1);
        guint n = g_strv_length (stops);
        NdColorscale *cs = colorscale_alloc (n);

        for (guint k = 0; k < n; k++)
          {
            char *colon = strchr (stops[k], ':');

            *colon = '\0';
            cs->t[k] = g_ascii_strtod (stops[k], NULL);
            nd_rgba_parse (&cs->c[k], colon + 1);
          }
        if (rev)
          nd_colorscale_reverse (cs);
        return cs;
      }
  return NULL;
}

/**
 * nd_colorscale_from_node: (skip)
 *
 * A scale name or an array of [t, colour] pairs with t rising from 0 to 1.
 * Returns: %NULL when @node is neither.
 */
NdColorscale *
nd_colorscale_from_node (JsonNode *node)
{
  JsonArray *arr;
  NdColorscale *cs;
  guint n;

  if (node == NULL)
    return NULL;
  if (nd_json_is_string (node))
    return nd_colorscale_named (json_node_get_string (node));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  arr = json_node_get_array (node);
  n = json_array_get_length (arr);
  if (n < 2)
    return NULL;
  cs = colorscale_alloc (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pair = json_array_get_element (arr, i);
      JsonArray *pa;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (pa = json_node_get_array (pair)) < 2 ||
          !nd_json_is_number (json_array_get_element (pa, 0)) ||
          !nd_rgba_from_node (&cs->c[i], json_array_get_element (pa, 1)))
        {
          nd_colorscale_free (cs);
          return NULL;
        }
      cs->t[i] = nd_json_get_number (json_array_get_element (pa, 0));
      if (i > 0 && cs->t[i] < cs->t[i - 1])
        {
          nd_colorscale_free (cs);
          return NULL;
        }
    }
  return cs;
}

NdColorscale *
nd_colorscale_copy (const NdColorscale *cs)
{
  NdColorscale *c = colorscale_alloc (cs->n);

  memcpy (c->t, cs->t, cs->n * sizeof (double));
  memcpy (c->c, cs->c, cs->n * sizeof (NdRgba));
  return c;
}

void
nd_colorscale_reverse (NdColorscale *cs)
{
  for (guint i = 0; i < cs->n / 2; i++)
    {
      NdRgba c = cs->c[i];

      cs->c[i] = cs->c[cs->n - 1 - i];
      cs->c[cs->n - 1 - i] = c;
    }
  for (guint i = 0; i < cs->n; i++)
    cs->t[i] = 1 - cs->t[i];
  for (guint i = 0; i < cs->n / 2; i++)
    {
      double t = cs->t[i];

      cs->t[i] = cs->t[cs->n - 1 - i];
      cs->t[cs->n - 1 - i] = t;
    }
}

void
nd_colorscale_free (NdColorscale *cs)
{
  if (cs == NULL)
    return;
  g_free (cs->t);
  g_free (cs->c);
  g_free (cs);
}

void
nd_colorscale_eval (const NdColorscale *cs, double t, NdRgba *out)
{
  guint i;

  if (!(t > cs->t[0]))
    {
      *out = cs->c[0];
      return;
    }
  for (i = 1; i < cs->n && cs->t[i] < t; i++)
    ;
  if (i >= cs->n)
    {
      *out = cs->c[cs->n - 1];
      return;
    }
  {
    double span = cs->t[i] - cs->t[i - 1];
    double f = span > 0 ? (t - cs->t[i - 1]) / span : 1;
    const NdRgba *a = &cs->c[i - 1], *b = &cs->c[i];

    *out = (NdRgba) { a->r + f * (b->r - a->r), a->g + f * (b->g - a->g),
                      a->b + f * (b->b - a->b), a->a + f * (b->a - a->a) };
  }
}

/* Premultiplied ARGB entries for t = i / (n - 1). */
void
nd_colorscale_fill_lut (const NdColorscale *cs, guint32 *lut, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      NdRgba c;

      nd_colorscale_eval (cs, (double) i / (n - 1), &c);
      lut[i] = nd_rgba_to_premul (&c, 1.0);
    }
}
