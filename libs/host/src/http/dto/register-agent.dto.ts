import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** `POST /v1/agents`: a remote A2A agent to register by its card URL. */
export class RegisterAgentDto {
  @ApiProperty({
    description: "The agent's base URL (its card is read from /.well-known/agent-card.json) or the card's own URL. http(s) only; loopback and private addresses only when AGENT_ALLOWED_HOSTS lists them.",
    example: 'https://agents.example.com/currency',
  })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  cardUrl!: string;

  @ApiPropertyOptional({ description: "The agent's name here (plans name it in `agent`); default the card's name made into an identifier.", example: 'currency_converter' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,127}$/, { message: 'name must start with a letter and hold only letters, digits, _ and - (at most 128)' })
  name?: string;
}
