/* Files and folders written so that a reader never sees half of them: temporary
 * name + fsync + rename; folder publication by atomic exchange (base layer). */
#ifndef ISMS_FS_H
#define ISMS_FS_H

#include <stddef.h>

/* Write data to path via "path.tmp.PID" + fsync + rename. 0 ok, -1 (errno set). */
int isms_fs_write_atomic(const char *path, const void *data, size_t len);
/* Files written under dir (a private folder that is synced as a whole with
 * isms_fs_sync_tree_at before it is published) skip their own fsync; NULL ends it. */
void isms_fs_defer_sync(const char *dir);
/* mkdir -p; 0 ok, -1 (errno set). */
int isms_fs_mkdir_p(const char *path, int mode);
/* Remove dirfd/name with everything under it, never following a symbolic link: a
 * link is removed itself, never what it points to.  Call it only on a folder this
 * program created or recognised.  0 ok (or nothing there), -1 (errno set). */
int isms_fs_remove_at(int dirfd, const char *name);
/* fsync every regular file under dirfd/name and the folders themselves, without
 * following links, in one pass (every file's write-back is started first, then
 * each is waited for).  0 ok, -1 when any sync failed. */
int isms_fs_sync_tree_at(int dirfd, const char *name);
/* Take an exclusive lock on the file dirfd/name (created if needed, never through a
 * link): returns an fd for isms_fs_unlock_at, or -1 (errno EWOULDBLOCK when another
 * process holds it and wait is 0).  Safe against a holder removing the file. */
int isms_fs_lock_at(int dirfd, const char *name, int wait);
/* Remove the lock file and release the lock (fd < 0: nothing to do). */
void isms_fs_unlock_at(int dirfd, const char *name, int fd);
/* Copy a regular file; 0 ok, -1 (errno set). */
int isms_fs_copy(const char *from, const char *to);
/* A file kept as it is from one pack into the next: a second name for the same
 * file (nothing is read, written or synced again), else a copy.  Only for files
 * that are replaced by rename, never changed in place.  0 ok, -1 (errno set). */
int isms_fs_keep(const char *from, const char *to);

/* Where a data file of ismspack is (rel like "fonts/fonts.conf"): $ISMSPACK_DATADIR,
 * else beside the executable's folder (the source tree: build/ismspack → ./), else
 * ../share/ismspack from the executable, else the compiled-in DATADIR.  Returns a
 * heap string the caller frees, or NULL when none exists. */
char *isms_data_path(const char *rel);

/* Read a whole file (NUL-terminated); NULL on error (errno set). Caller frees. */
char *isms_fs_read_file(const char *path, size_t *len, size_t limit);
/* The same for a regular file only: a FIFO, device or folder is refused at once
 * (errno ENODEV) without waiting. */
char *isms_fs_read_regular(const char *path, size_t *len, size_t limit);

#endif
