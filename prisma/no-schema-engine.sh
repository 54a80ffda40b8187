#!/bin/sh
echo "This project does not use Prisma's schema engine: migrations are SQL files in prisma/migrations applied with 'npm run db:migrate'." >&2
exit 1
