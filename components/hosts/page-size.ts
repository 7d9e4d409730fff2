// Hosts per page of the Hosts list; a plain module so the server page and the client list share it.
export const HOSTS_PAGE_SIZE = 50;
