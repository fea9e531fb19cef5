/* Files and folders written so that a reader never sees half of them: temporary
 * name + fsync + rename; folder publication by atomic exchange (base layer). */
#ifndef ISMS_FS_H
#define ISMS_FS_H

#include <stddef.h>

/* Write data to path via "path.tmp.PID" + fsync + rename. 0 ok, -1 (errno set). */
int isms_fs_write_atomic(const char *path, const void *data, size_t len);
/* mkdir -p; 0 ok, -1 (errno set). */
int isms_fs_mkdir_p(const char *path, int mode);
/* rm -rf of a folder we created; 0 ok, -1 on failure. */
int isms_fs_remove_tree(const char *path);
/* Create a fresh temporary folder beside target ("DIR/.NAME.tmp-XXXXXX");
 * returns a heap string the caller frees, or NULL (errno set). */
char *isms_fs_temp_beside(const char *target);
/* Make tmpdir visible as target atomically: fsync its files, then exchange it with
 * an existing target (renameat2 RENAME_EXCHANGE) and remove the old one, or rename it
 * into place when target does not exist. 0 ok, -1 (errno set; target untouched). */
int isms_fs_publish_dir(const char *tmpdir, const char *target);
/* Take an exclusive lock on the file path (created if needed): returns an fd to
 * close to release it, or -1 (errno EWOULDBLOCK when another process holds it and
 * wait is 0). */
int isms_fs_lock(const char *path, int wait);
/* Remove folders "DIR/.NAME.tmp-*" left beside target by runs that were killed.
 * Call with target's lock held. */
void isms_fs_remove_stale_temps(const char *target);
/* Copy a regular file; 0 ok, -1 (errno set). */
int isms_fs_copy(const char *from, const char *to);

/* Where a data file of ismspack is (rel like "fonts/fonts.conf"): $ISMSPACK_DATADIR,
 * else beside the executable's folder (the source tree: build/ismspack → ./), else
 * ../share/ismspack from the executable, else the compiled-in DATADIR.  Returns a
 * heap string the caller frees, or NULL when none exists. */
char *isms_data_path(const char *rel);

/* Read a whole file (NUL-terminated); NULL on error (errno set). Caller frees. */
char *isms_fs_read_file(const char *path, size_t *len, size_t limit);

#endif
