/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pixel-level drawing for dense traces, the measured fast paths of
 * shared/notes/chart-rendering.md: markers stamped from pre-rendered
 * sprites at 4×4 sub-pixel phases, skipping (exactly) stamps that land
 * only on pixels already solid in the marker colour, with a per-pixel
 * cache of positions known to be covered; and "m4span" lines, one
 * antialiased vertical span per pixel column.  Both draw into an image of the plot area at device
 * resolution that is then composited onto any cairo target.
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

/**
 * nd_raster_begin: (skip)
 *
 * Starts a raster for the user-space rectangle (@x, @y, @w, @h) of @cr at
 * its device resolution.  Returns %FALSE when it would be empty.
 */
gboolean
nd_raster_begin (NdRaster *r, cairo_t *cr, double x, double y, double w, double h,
                 cairo_format_t format)
{
  double dx = 1, dy = 0;

  memset (r, 0, sizeof *r);
  cairo_user_to_device_distance (cr, &dx, &dy);
  r->scale = MAX (hypot (dx, dy), 0.01);
  r->width = (int) ceil (w * r->scale - 1e-6);
  r->height = (int) ceil (h * r->scale - 1e-6);
  if (r->width <= 0 || r->height <= 0 || r->width > 32767 || r->height > 32767)
    return FALSE;
  r->surface = cairo_image_surface_create (format, r->width, r->height);
  if (cairo_surface_status (r->surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (r->surface);
      r->surface = NULL;
      return FALSE;
    }
  cairo_surface_flush (r->surface);
  r->pixels = (guint32 *) cairo_image_surface_get_data (r->surface);
  r->stride = cairo_image_surface_get_stride (r->surface) / (format == CAIRO_FORMAT_A8 ? 1 : 4);
  r->ox = x;
  r->oy = y;
  return TRUE;
}

/**
 * nd_raster_end: (skip)
 * @mask_color: (nullable): for A8 rasters, the colour painted through them
 *
 * Composites the raster onto @cr and frees it.
 */
void
nd_raster_end (NdRaster *r, cairo_t *cr, const NdRgba *mask_color, double opacity)
{
  cairo_pattern_t *pat;

  if (r->surface == NULL)
    return;
  cairo_surface_mark_dirty (r->surface);
  cairo_save (cr);
  cairo_translate (cr, r->ox, r->oy);
  cairo_scale (cr, 1 / r->scale, 1 / r->scale);
  pat = cairo_pattern_create_for_surface (r->surface);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_NEAREST);
  if (mask_color)
    {
      nd_rgba_set_source (cr, mask_color, opacity);
      cairo_mask (cr, pat);
    }
  else
    {
      cairo_set_source (cr, pat);
      cairo_paint_with_alpha (cr, opacity);
    }
  cairo_pattern_destroy (pat);
  cairo_restore (cr);
  cairo_surface_destroy (r->surface);
  r->surface = NULL;
}

/* ---- markers ---- */

/* Premultiplied OVER with exact division by 255, two channels per lane. */
static inline guint32
over (guint32 src, guint32 dst)
{
  guint32 ia = 255 - (src >> 24);
  guint32 rb = (dst & 0xff00ff) * ia + 0x800080;
  guint32 ag = ((dst >> 8) & 0xff00ff) * ia + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return src + (rb | ag);
}

/* @c scaled by @m / 255 on all four channels. */
static inline guint32
scale_px (guint32 c, guint32 m)
{
  guint32 rb = (c & 0xff00ff) * m + 0x800080;
  guint32 ag = ((c >> 8) & 0xff00ff) * m + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return rb | ag;
}

#define PHASES 4

typedef struct {
  int       size;                     /* sprite width and height */
  int       half;                     /* centre offset */
  guint8   *fill[PHASES * PHASES];    /* coverage masks */
  guint8   *stroke[PHASES * PHASES];
  guint32  *argb[PHASES * PHASES];    /* uniform colours: the composed sprite */
  guint64  *nz[PHASES * PHASES];      /* per row: columns with any coverage */
  guint64  *full[PHASES * PHASES];    /* per row: columns fully opaque */
} Sprites;

static void
sprites_free (Sprites *s)
{
  for (int i = 0; i < PHASES * PHASES; i++)
    {
      g_free (s->fill[i]);
      g_free (s->stroke[i]);
      g_free (s->argb[i]);
      g_free (s->nz[i]);
      g_free (s->full[i]);
    }
}

static guint8 *
render_mask (int size, int symbol, double cx, double cy, double rad, double lw, gboolean stroke)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  int stride = cairo_image_surface_get_stride (s);
  cairo_t *cr = cairo_create (s);
  guint8 *out = g_new0 (guint8, size * size);
  guint8 *data;

  nd_symbol_path (cr, symbol, cx, cy, rad);
  if (stroke)
    {
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  for (int y = 0; y < size; y++)
    memcpy (out + y * size, data + y * stride, size);
  cairo_surface_destroy (s);
  return out;
}

/* How far each symbol reaches from its centre, in radii. */
static double
symbol_reach (int symbol)
{
  switch (symbol)
    {
    case ND_SYMBOL_DIAMOND:
      return 1.3;
    case ND_SYMBOL_CROSS:
      return 1.2;
    case ND_SYMBOL_X:
    case ND_SYMBOL_TRIANGLE_UP:
    case ND_SYMBOL_TRIANGLE_DOWN:
    case ND_SYMBOL_TRIANGLE_LEFT:
    case ND_SYMBOL_TRIANGLE_RIGHT:
      return 1.16;
    default:
      return 1.0;
    }
}

static void
sprites_init (Sprites *s, int symbol, double rad, double lw, gboolean has_fill, gboolean has_stroke,
              const guint32 *uniform_fill, guint32 stroke_px)
{
  /* the reach, the half-width of the outline (miters of sharp symbols
   * reach further) and one pixel for antialiasing and the phase */
  double ext = rad * symbol_reach (symbol) + lw * (symbol == ND_SYMBOL_CIRCLE ? 0.5 : 1.0) + 1;

  memset (s, 0, sizeof *s);
  s->half = (int) ceil (ext);
  s->size = 2 * s->half + 1;
  for (int py = 0; py < PHASES; py++)
    for (int px = 0; px < PHASES; px++)
      {
        int k = py * PHASES + px;
        double cx = s->half + (px + 0.5) / PHASES, cy = s->half + (py + 0.5) / PHASES;
        int n = s->size * s->size;

        s->fill[k] = has_fill ? render_mask (s->size, symbol, cx, cy, rad, lw, FALSE) : g_new0 (guint8, n);
        s->stroke[k] = has_stroke ? render_mask (s->size, symbol, cx, cy, rad, lw, TRUE) : g_new0 (guint8, n);
        if (uniform_fill)
          {
            s->argb[k] = g_new (guint32, n);
            for (int i = 0; i < n; i++)
              {
                guint32 sc = s->stroke[k][i];
                guint32 f = scale_px (*uniform_fill, s->fill[k][i]);

                s->argb[k][i] = over (scale_px (stroke_px, sc), f);
              }
            if (s->size <= 64)
              {
                s->nz[k] = g_new0 (guint64, s->size);
                s->full[k] = g_new0 (guint64, s->size);
                for (int y = 0; y < s->size; y++)
                  for (int x = 0; x < s->size; x++)
                    {
                      guint32 a = s->argb[k][y * s->size + x] >> 24;

                      if (a)
                        s->nz[k][y] |= (guint64) 1 << x;
                      if (a == 255)
                        s->full[k][y] |= (guint64) 1 << x;
                    }
              }
          }
      }
}

/* Whether every pixel the sprite touches (@nz per row) is solid already;
 * @p points at the first solid word of the stamp's top row. */
static inline gboolean
covered (const guint64 *p, int words, int sh, const guint64 *nz, int rows)
{
  if (sh == 0)
    {
      for (int y = 0; y < rows; y++, p += words)
        if ((p[0] & nz[y]) != nz[y])
          return FALSE;
      return TRUE;
    }
  for (int y = 0; y < rows; y++, p += words)
    {
      guint64 bits = (p[0] >> sh) | (p[1] << (64 - sh));

      if ((bits & nz[y]) != nz[y])
        return FALSE;
    }
  return TRUE;
}

static inline void
set_bits (guint64 *row, int x, guint64 bits)
{
  int w = x >> 6, sh = x & 63;

  row[w] |= bits << sh;
  if (sh)
    row[w + 1] |= bits >> (64 - sh);
}

/**
 * nd_raster_markers: (skip)
 *
 * Stamps @trace's markers (one symbol and size) into an ARGB raster.
 */
void
nd_raster_markers (NdRaster *r, NdChart *chart, NdTrace *t)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  int symbol = t->symbol & ~ND_SYMBOL_OPEN;
  gboolean open = (t->symbol & ND_SYMBOL_OPEN) != 0;
  double rad = t->marker_r * r->scale;
  double lw = (open ? MAX (t->mline_width, 1) : t->mline_width) * r->scale;
  gboolean has_stroke = lw > 0;
  gboolean uniform = t->marker_colors == NULL && t->marker_opacities == NULL;
  double op = t->marker_opacity;
  guint32 fill_px = nd_rgba_to_premul (&t->marker_color, op);
  guint32 stroke_px = nd_rgba_to_premul (open ? &t->marker_color : &t->mline_color, op);
  /* pixel = l * s + o, in raster pixels */
  double sx = r->width / (xa->range[1] - xa->range[0]);
  double ox = -xa->range[0] * sx;
  double sy = -r->height / (ya->range[1] - ya->range[0]);
  double oy = r->height - ya->range[0] * sy;
  guint32 *px = r->pixels;
  int W = r->width, H = r->height, stride = r->stride;
  gboolean opaque;
  Sprites sp;
  guint64 *solid = NULL, *cov = NULL, *unz = NULL;
  int solid_words = 0;

  if (rad <= 0 && !has_stroke)
    return;
  sprites_init (&sp, symbol, rad, lw, !open, has_stroke, uniform ? &fill_px : NULL, stroke_px);
  opaque = uniform && (fill_px >> 24) == 255 && (!has_stroke || (stroke_px >> 24) == 255);
  if (opaque && sp.nz[0])
    {
      solid_words = (W + 63) / 64 + 2;
      solid = g_new0 (guint64, (gsize) solid_words * H);
      cov = g_new0 (guint64, (gsize) solid_words * H);
      unz = g_new0 (guint64, sp.size);
      for (int k = 0; k < PHASES * PHASES; k++)
        for (int y = 0; y < sp.size; y++)
          unz[y] |= sp.nz[k][y];
    }

  {
  const double *X = t->x, *Y = t->y;
  double lo_x = -sp.half - 1, hi_x = W + sp.half + 1, lo_y = -sp.half - 1, hi_y = H + sp.half + 1;
  /* an offset that keeps coordinates positive, so truncation is floor */
  int off = sp.half + 2;

  for (guint i = 0; i < t->n; i++)
    {
      double fx = X[i] * sx + ox, fy = Y[i] * sy + oy;
      int qx, qy, ix, iy, k, size = sp.size;
      const guint32 *spr;

      if (!(fx > lo_x && fx < hi_x && fy > lo_y && fy < hi_y))
        continue;   /* NaN or outside */
      qx = (int) ((fx + off) * PHASES) - off * PHASES;
      qy = (int) ((fy + off) * PHASES) - off * PHASES;
      ix = (qx >> 2) - sp.half;
      iy = (qy >> 2) - sp.half;
      k = (qy & 3) * PHASES + (qx & 3);

      if (uniform)
        {
          spr = sp.argb[k];
          if (solid && ix >= 0 && iy >= 0 && ix + size <= W && iy + size <= H)
            {
              int cx = qx >> 2, cy = qy >> 2;
              guint64 *cw = cov + (gsize) cy * solid_words + (cx >> 6);
              guint64 cbit = (guint64) 1 << (cx & 63);
              const guint64 *srow = solid + (gsize) iy * solid_words + (ix >> 6);

              /* coverage only grows: a pixel found covered for every
               * phase stays covered, and one bit answers next time */
              if (*cw & cbit)
                continue;
              if (covered (srow, solid_words, ix & 63, sp.nz[k], size))
                {
                  if (covered (srow, solid_words, ix & 63, unz, size))
                    *cw |= cbit;
                  continue;
                }
              for (int y = 0; y < size; y++)
                {
                  guint32 *d = px + (gsize) (iy + y) * stride + ix;
                  const guint32 *s = spr + y * size;
                  guint64 nz = sp.nz[k][y];
                  int x0, x1;

                  if (!nz)
                    continue;
                  x0 = __builtin_ctzll (nz);
                  x1 = 64 - __builtin_clzll (nz);
                  for (int x = x0; x < x1; x++)
                    {
                      guint32 v = s[x];

                      if (v >> 24 == 255)
                        d[x] = v;
                      else if (v)
                        d[x] = over (v, d[x]);
                    }
                  if (sp.full[k][y])
                    set_bits (solid + (gsize) (iy + y) * solid_words, ix, sp.full[k][y]);
                }
              continue;
            }
          for (int y = MAX (0, -iy); y < size && iy + y < H; y++)
            {
              guint32 *d = px + (gsize) (iy + y) * stride;
              const guint32 *s = spr + y * size;

              for (int x = MAX (0, -ix); x < size && ix + x < W; x++)
                {
                  guint32 v = s[x];

                  if (v >> 24 == 255)
                    d[ix + x] = v;
                  else if (v)
                    d[ix + x] = over (v, d[ix + x]);
                }
            }
        }
      else
        {
          NdRgba c = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[i]) : t->marker_color;
          double o = op * (t->marker_opacities ? t->marker_opacities[i] : 1);
          guint32 fp = nd_rgba_to_premul (&c, o);
          guint32 stp = nd_rgba_to_premul (open ? &c : &t->mline_color, o);
          const guint8 *fm = sp.fill[k], *sm = sp.stroke[k];

          for (int y = MAX (0, -iy); y < size && iy + y < H; y++)
            {
              guint32 *d = px + (gsize) (iy + y) * stride;

              for (int x = MAX (0, -ix); x < size && ix + x < W; x++)
                {
                  int j = y * size + x;
                  guint32 v;

                  if (!fm[j] && !sm[j])
                    continue;
                  v = over (scale_px (stp, sm[j]), scale_px (fp, fm[j]));
                  d[ix + x] = over (v, d[ix + x]);
                }
            }
        }
    }
  }
  g_free (solid);
  g_free (cov);
  g_free (unz);
  sprites_free (&sp);
}

/* ---- m4span lines ---- */

/**
 * nd_raster_m4span: (skip)
 * @ylo: per column the top of the line's vertical extent (raster px), NAN if none
 * @yhi: per column the bottom
 * @width: the line width in raster pixels
 *
 * Writes each column's span, widened by the line width, into an A8
 * raster as coverage (max-combined, so overlaps do not darken).
 */
void
nd_raster_m4span (NdRaster *r, const float *ylo, const float *yhi, int ncols, double width)
{
  guint8 *px = (guint8 *) r->pixels;
  double hw = MAX (width, 1) / 2;
  int reach = (int) ceil (hw);

  for (int c = 0; c < ncols; c++)
    {
      double top, bot;

      if (isnan (ylo[c]))
        continue;
      top = ylo[c] - hw;
      bot = yhi[c] + hw;
      for (int x = c - reach; x <= c + reach; x++)
        {
          double l = MAX (x, c + 0.5 - hw), rr = MIN (x + 1, c + 0.5 + hw);
          double hc = rr - l;
          int y0, y1;

          if (x < 0 || x >= r->width || hc <= 0)
            continue;
          y0 = MAX (0, (int) floor (top));
          y1 = MIN (r->height - 1, (int) floor (bot));
          for (int y = y0; y <= y1; y++)
            {
              double vc = MIN (y + 1, bot) - MAX (y, top);
              guint8 *d = px + (gsize) y * r->stride + x;
              guint8 v;

              if (vc <= 0)
                continue;
              v = (guint8) (MIN (vc, 1) * hc * 255 + 0.5);
              if (v > *d)
                *d = v;
            }
        }
    }
}
