#ifndef RECON_CNCURSESW_SHIM_H
#define RECON_CNCURSESW_SHIM_H

/* Turn on the wide-character half of curses.h: SwiftPM drops the -D flags pkg-config would add. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdlib.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

/* Mutable C globals as functions, so Swift 6 strict concurrency accepts them. */
static inline WINDOW *rc_stdscr(void) { return stdscr; }
static inline int rc_lines(void) { return LINES; }
static inline int rc_cols(void) { return COLS; }

static inline int rc_colors(void) { return COLORS; }
static inline int rc_maxy(WINDOW *w) { return getmaxy(w); }
static inline int rc_maxx(WINDOW *w) { return getmaxx(w); }
static inline int rc_key_f(int n) { return KEY_F(n); }

/* Function-like and expression macros as functions. */
static inline attr_t rc_attr_bold(void) { return A_BOLD; }
static inline attr_t rc_attr_dim(void) { return A_DIM; }
static inline attr_t rc_attr_reverse(void) { return A_REVERSE; }
static inline attr_t rc_attr_underline(void) { return A_UNDERLINE; }
static inline mmask_t rc_mouse_interest(void) {
  mmask_t mask = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
  mask |= BUTTON5_PRESSED;
#endif
  return mask;
}
static inline int rc_mouse_kind(mmask_t state) {
  if (state & BUTTON1_DOUBLE_CLICKED) return 2;
  if (state & BUTTON1_CLICKED) return 1;
  if (state & BUTTON4_PRESSED) return 3;
#ifdef BUTTON5_PRESSED
  if (state & BUTTON5_PRESSED) return 4;
#endif
  return 0;
}

/* Process-level set-up that must happen in C order. */
static inline void rc_use_environment_locale(void) { setlocale(LC_ALL, ""); }
/* A UTF-8 locale for the calling thread only: the headless terminal runs beside other threads
   (the test runner), where setlocale, being process-wide, would swap the locale under them.
   Returns the thread's previous locale; 0 when C.UTF-8 is unknown (nothing changed). */
static inline locale_t rc_use_thread_utf8_locale(void) {
  locale_t utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
  if (!utf8) return (locale_t)0;
  return uselocale(utf8);
}
static inline void rc_restore_thread_locale(locale_t previous) {
  locale_t mine = uselocale(previous);
  if (mine && mine != LC_GLOBAL_LOCALE) freelocale(mine);
}
static inline int rc_codeset_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs && (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') &&
         (cs[2] == 'F' || cs[2] == 'f');
}
static void rc__endwin_at_exit(void) {
  if (!isendwin()) endwin();
}
static inline int rc_register_endwin_at_exit(void) { return atexit(rc__endwin_at_exit); }

/* One cell in: the drawing primitive Swift needs. */
static inline int rc_put_cell(WINDOW *w, int y, int x, const wchar_t *grapheme, attr_t attrs,
                              short pair) {
  cchar_t cc;
  if (setcchar(&cc, grapheme, attrs, pair, NULL) == ERR) return ERR;
  return mvwadd_wch(w, y, x, &cc);
}
static inline int rc_read_row(WINDOW *w, int y, wchar_t *buffer, int n) { return mvwinnwstr(w, y, 0, buffer, n); }
#endif
