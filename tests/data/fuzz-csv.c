/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target for the CSV reader: any bytes must give a frame or an
 * error, never a crash, a leak or undefined behaviour.  Every frame read
 * is also written out as JSON (records and pandas' to_json) so the
 * conversions run on whatever the fuzzer makes.
 *
 * With clang (meson builds it with -fsanitize=fuzzer when the compiler
 * has it):
 *
 *   CC=clang meson setup /tmp/build-fuzz -Db_sanitize=address,undefined \
 *     -Db_lundef=false --buildtype=debug
 *   ninja -C /tmp/build-fuzz tests/data/fuzz-csv
 *   mkdir -p /tmp/csv-corpus
 *   /tmp/build-fuzz/tests/data/fuzz-csv -max_len=4096 -timeout=10 \
 *     /tmp/csv-corpus tests/data/fuzz-corpus/csv
 *
 * Without it, the same file builds as a program that reads each file
 * named on its command line (the `fuzz-csv-corpus` test runs it over the
 * seed corpus), so a crashing input can be replayed under gdb or valgrind.
 */
#include <stdint.h>
#include <stdio.h>

#include "nd-csv.h"
#include "nd-frame.h"
#include "nd-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const NdCsvFlags variants[] = {
    ND_CSV_NONE, ND_CSV_NO_HEADER | ND_CSV_FILL_SHORT_ROWS, ND_CSV_STRINGS,
  };

  for (unsigned k = 0; k < G_N_ELEMENTS (variants); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdFrame) frame = nd_csv_read_data ((const char *) data, size, k == 2 ? '\t' : '\0',
                                                   variants[k], &error);

      g_assert ((frame == NULL) != (error == NULL));
      if (frame)
        {
          g_autoptr(JsonNode) records = nd_frame_to_records (frame);
          g_autofree char *records_text = nd_json_to_string (records, FALSE);
          g_autofree char *json = nd_frame_to_json (frame, ND_ORIENT_SPLIT);
          g_autoptr(NdFrame) back = nd_frame_new_from_json (json, -1, ND_ORIENT_SPLIT, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (nd_frame_get_n_rows (back), ==, nd_frame_get_n_rows (frame));
          g_assert_nonnull (records_text);
        }
      else
        g_assert_true (error->domain == ND_DATA_ERROR || error->domain == G_IO_ERROR);
    }
  return 0;
}

#ifndef FUZZING
int
main (int argc, char **argv)
{
  for (int k = 1; k < argc; k++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 0;

      if (!g_file_get_contents (argv[k], &contents, &len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
      printf ("%s: ok\n", argv[k]);
    }
  return 0;
}
#endif
