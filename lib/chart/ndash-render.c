/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ndash-render: draws a plotly figure JSON file to PNG, SVG or PDF.
 *
 *   ndash-render figure.json out.png [--width W] [--height H] [--scale S]
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#include "ndash-chart.h"
#include "nd-json.h"

int
main (int argc, char **argv)
{
  int width = 0, height = 0;
  double scale = 1;
  const char *in = NULL, *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) figure = NULL;
  gboolean ok;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if ((strcmp (a, "--width") == 0 || strcmp (a, "--height") == 0 || strcmp (a, "--scale") == 0) &&
          i + 1 < argc)
        {
          const char *v = argv[++i];

          if (a[2] == 'w')
            width = atoi (v);
          else if (a[2] == 'h')
            height = atoi (v);
          else
            scale = g_ascii_strtod (v, NULL);
        }
      else if (g_str_has_prefix (a, "--width="))
        width = atoi (a + 8);
      else if (g_str_has_prefix (a, "--height="))
        height = atoi (a + 9);
      else if (g_str_has_prefix (a, "--scale="))
        scale = g_ascii_strtod (a + 8, NULL);
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          g_print ("usage: %s figure.json out.png|out.svg|out.pdf [--width W] [--height H] [--scale S]\n",
                   argv[0]);
          return 0;
        }
      else if (in == NULL)
        in = a;
      else if (out == NULL)
        out = a;
      else
        {
          g_printerr ("%s: unexpected argument '%s'\n", argv[0], a);
          return 2;
        }
    }
  if (in == NULL || out == NULL)
    {
      g_printerr ("usage: %s figure.json out.png|out.svg|out.pdf [--width W] [--height H] [--scale S]\n",
                  argv[0]);
      return 2;
    }
  if (width < 0 || height < 0 || !(scale > 0))
    {
      g_printerr ("%s: width, height and scale must be positive\n", argv[0]);
      return 2;
    }
  figure = strcmp (in, "-") == 0 ? NULL : nd_json_parse_file (in, ND_JSON_DEFAULT_MAX_DEPTH, &error);
  if (figure == NULL)
    {
      if (error == NULL)
        {
          g_autofree char *text = NULL;
          gsize len = 0;
          g_autoptr(GIOChannel) ch = g_io_channel_unix_new (0);

          if (g_io_channel_read_to_end (ch, &text, &len, &error) == G_IO_STATUS_NORMAL)
            figure = nd_json_parse (text, (gssize) len, ND_JSON_DEFAULT_MAX_DEPTH, &error);
        }
      if (figure == NULL)
        {
          g_printerr ("%s: %s\n", in, error->message);
          return 1;
        }
    }
  if (g_str_has_suffix (out, ".svg"))
    ok = nd_chart_to_svg (figure, out, width, height, scale, &error);
  else if (g_str_has_suffix (out, ".pdf"))
    ok = nd_chart_to_pdf (figure, out, width, height, scale, &error);
  else if (g_str_has_suffix (out, ".png"))
    ok = nd_chart_to_png (figure, out, width, height, scale, &error);
  else
    {
      g_printerr ("%s: the output must end in .png, .svg or .pdf\n", out);
      return 2;
    }
  /* release font caches so leak checkers see a clean exit */
  cairo_debug_reset_static_data ();
  FcFini ();
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
