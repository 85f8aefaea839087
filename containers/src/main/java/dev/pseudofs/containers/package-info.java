/**
 * Container views: /proc and /sys files computed from the calling process's cgroup, for
 * containers to bind over their own (what LXCFS does).
 *
 * <p>{@link dev.pseudofs.containers.ContainerView#install} adds the files to a procfs and a
 * sysfs view; {@link dev.pseudofs.containers.Host} says where the host's /proc and cgroup
 * hierarchies are ({@link dev.pseudofs.containers.Cgroups}: from mountinfo, or a fake tree in
 * tests). Nothing here holds a lock across a read of the host: every read renders afresh
 * from the caller's cgroup files. See docs/containers.md.
 */
package dev.pseudofs.containers;
