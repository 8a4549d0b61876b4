/*
 * path.h - small file-system questions the pack loader and the test runner ask.
 */
#ifndef HK_PATH_H
#define HK_PATH_H

/* True when path names an existing directory / regular file (following links). */
int hk_path_is_dir(const char *path);
int hk_path_is_file(const char *path);

#endif
