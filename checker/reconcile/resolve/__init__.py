"""The story resolved across articles: who is who, and which events are one."""
