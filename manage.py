#!/usr/bin/env python
from torget.cli import main

if __name__ == "__main__":
    main()
